package io.npsloop.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

final class Ports {

    private Ports() {
    }

    static int fromEnv(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LauncherException(variable + "=" + value + " is not a TCP port (1-65535)");
    }

    /** Fails with a clear one-liner when something else already listens on the port. */
    static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // like Vert.x: TIME_WAIT leftovers of a previous run are no conflict
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LauncherException("port " + port + " for " + purpose + " is already in use by another program;"
                    + " stop that program or choose another port");
        }
    }
}
