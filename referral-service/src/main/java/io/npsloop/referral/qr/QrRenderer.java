package io.npsloop.referral.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
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
import java.util.EnumMap;
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
    /**
     * The matrix for {@code text} that ZXing's detector reads back when drawn at {@code pixelsPerModule}. The
     * encoder's own mask comes first; for a few texts in a thousand its symbol defeats the finder-pattern search at
     * some scales (NotFound/Checksum although the bits are right), so the other seven masks are tried in turn. All
     * eight are valid encodings of the same text: scanners need no hint. Deterministic per input, so ETags hold.
     */
    public BitMatrix matrix(String text, ErrorCorrectionLevel ecc, int pixelsPerModule) {
        BitMatrix first = encode(text, ecc, null);
        if (readable(first, text, pixelsPerModule)) {
            return first;
        }
        for (int mask = 0; mask < 8; mask++) {
            BitMatrix m = encode(text, ecc, mask);
            if (readable(m, text, pixelsPerModule)) {
                return m;
            }
        }
        return first; // no mask helps (never seen): the standard symbol is still a valid QR code
    }

    /** Pixels per module when a matrix of this text is fitted into {@code size} pixels. */
    public int pixelsPerModule(String text, ErrorCorrectionLevel ecc, int size) {
        return Math.max(1, size / encode(text, ecc, null).getWidth());
    }

    private static BitMatrix encode(String text, ErrorCorrectionLevel ecc, Integer mask) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ecc);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR: " + e.getMessage(), e);
        }
    }

    /** Draws the matrix as 8-bit grey pixels (no java.awt) and decodes it like a camera frame would be. */
    static boolean readable(BitMatrix m, String text, int pixelsPerModule) {
        int n = m.getWidth();
        int w = n * pixelsPerModule;
        byte[] grey = new byte[w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                grey[y * w + x] = m.get(x / pixelsPerModule, y / pixelsPerModule) ? 0 : (byte) 0xFF;
            }
        }
        LuminanceSource source = new PlanarYUVLuminanceSource(grey, w, w, 0, 0, w, w, false);
        try {
            Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            return text.equals(result.getText());
        } catch (ReaderException e) {
            return false;
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
        // viewers scale the vector freely; 8 px per module stands in for a phone screen or a print
        BitMatrix m = matrix(text, ecc, 8);
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
        BufferedImage img = image(matrix(text, ecc, pixelsPerModule(text, ecc, size)), size);
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
