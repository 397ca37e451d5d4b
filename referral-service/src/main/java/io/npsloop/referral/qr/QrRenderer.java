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
import java.awt.image.WritableRaster;
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

    public static BufferedImage image(BitMatrix m, int size) {
        int n = m.getWidth();
        int scale = Math.max(1, size / n);
        int offset = Math.max(0, (size - n * scale) / 2);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = img.getRaster();
        int[] white = new int[size];
        java.util.Arrays.fill(white, 1);
        for (int y = 0; y < size; y++) {
            raster.setSamples(0, y, size, 1, 0, white);
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (m.get(x, y)) {
                    int px = offset + x * scale;
                    int py = offset + y * scale;
                    if (px + scale <= size && py + scale <= size) {
                        int[] black = new int[scale * scale];
                        raster.setSamples(px, py, scale, scale, 0, black);
                    }
                }
            }
        }
        return img;
    }
}
