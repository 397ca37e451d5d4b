package io.npsloop.testsupport;

import org.junit.jupiter.api.Assertions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client library will not send as asked: a {@code Content-Length}
 * announcing far more than is sent, a chunked body that never ends. The answer is read until the server closes the
 * connection or the body announced by its {@code Content-Length} has arrived.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Status, headers (lower-case names) and body of an answer; {@code closed} when the server closed after it. */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * A refusal as the services' HTTP limits give it: {@code status} as problem+json, announced
         * {@code Connection: close}, and the connection closed after the answer (the rest of the body discarded).
         */
        public void assertRefusedAndClosed(int status) {
            Assertions.assertEquals(status, status(), this::toString);
            String type = header("Content-Type");
            Assertions.assertTrue(type != null && type.startsWith("application/problem+json"), this::toString);
            Assertions.assertTrue(body().contains("\"status\":" + status), body());
            Assertions.assertEquals("close", header("Connection"), this::toString);
            Assertions.assertTrue(closed(), "connection closed after the " + status);
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and then {@code body} in pieces of
     * {@code chunk} bytes, chunk-encoded when {@code chunked}; {@code endBody} false leaves a chunked body unfinished.
     * A server that answers and closes while the body is still being written ends the writing, not the test.
     */
    public static Answer send(int port, String head, byte[] body, boolean chunked, boolean endBody) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int step = 16 * 1024;
                for (int i = 0; i < body.length; i += step) {
                    int n = Math.min(step, body.length - i);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(body, i, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                if (chunked && endBody) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (SocketException e) {
                // the server answered and closed before the whole body was sent: read what it said
            }
            return read(socket);
        }
    }

    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.")) {
            throw new IOException("no HTTP answer: " + head.toString(StandardCharsets.ISO_8859_1));
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else {
            // chunked (left encoded: the tests look for text in it) or delimited by the close
            try {
                in.transferTo(body);
            } catch (SocketException e) {
                // reset after the answer
            }
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), true);
        }
        boolean closed;
        socket.setSoTimeout(5_000); // a connection kept open stays silent (servers linger a couple of seconds)
        try {
            closed = in.read() < 0;
        } catch (SocketException e) {
            closed = true; // reset
        } catch (java.net.SocketTimeoutException e) {
            closed = false;
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), closed);
    }
}
