package io.npsloop.referral.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes with ZXing's encoder (core only, no java.awt): the module matrix becomes SVG (one path, native-safe,
 * no fonts) or a 1-bit PNG through ImageIO (quarkus-awt in native). Quiet zone of 4 modules.
 */
@ApplicationScoped
public class QrRenderer {

    public static final int QUIET_ZONE = 4;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // in-memory streams: no temp files per PNG written
    }

    /** Modules including the quiet zone; true = dark. */
    public BitMatrix matrix(String text, ErrorCorrectionLevel ecc) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ecc,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                    EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR: " + e.getMessage(), e);
        }
    }

    /** The dark modules as one SVG path in module units, origin at the matrix's top-left corner. */
    public static String svgPath(BitMatrix m) {
        StringBuilder d = new StringBuilder(m.getWidth() * m.getHeight());
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < m.getWidth() && m.get(x, y)) {
                    x++;
                }
                d.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return d.toString();
    }

    public byte[] svg(String text, ErrorCorrectionLevel ecc, int size) {
        BitMatrix m = matrix(text, ecc);
        int n = m.getWidth();
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
                + "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + svgPath(m) + "\"/></svg>\n";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    /** A size×size 1-bit PNG; modules are whole pixels (the leftover border is white). */
    public byte[] png(String text, ErrorCorrectionLevel ecc, int size) {
        BufferedImage img = image(matrix(text, ecc), size);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A size×size 1-bit image (index 0 black, 1 white) written straight into its packed bytes: one row pattern per
     * module row, copied {@code scale} times (Raster.setSamples on packed pixels is ~100× slower).
     */
    public static BufferedImage image(BitMatrix m, int size) {
        int n = m.getWidth();
        int scale = Math.max(1, size / n);
        int offset = Math.max(0, (size - n * scale) / 2);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int stride = (size + 7) / 8;
        Arrays.fill(data, (byte) 0xFF);
        byte[] row = new byte[stride];
        for (int my = 0; my < n; my++) {
            int top = offset + my * scale;
            if (top + scale > size) {
                break;
            }
            Arrays.fill(row, (byte) 0xFF);
            for (int mx = 0; mx < n; mx++) {
                if (m.get(mx, my)) {
                    int left = offset + mx * scale;
                    for (int px = left; px < left + scale && px < size; px++) {
                        row[px >> 3] &= (byte) ~(0x80 >> (px & 7));
                    }
                }
            }
            for (int y = top; y < top + scale; y++) {
                System.arraycopy(row, 0, data, y * stride, stride);
            }
        }
        return img;
    }
}
