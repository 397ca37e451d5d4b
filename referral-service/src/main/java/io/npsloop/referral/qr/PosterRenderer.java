package io.npsloop.referral.qr;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.referral.config.ReferralConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The promoter's poster, one layout drawn two ways: SVG (primary: text stays text, the phone's CJK fonts render
 * it, native-safe) and PNG through Java2D (quarkus-awt). For the PNG the Chinese text needs a font with CJK
 * glyphs: {@code npsloop.poster.font-file}, else the first installed family that can display it (Noto CJK,
 * WenQuanYi, Source Han…); without one the PNG still carries a scannable QR and the counter
 * {@code npsloop.poster.cjk.font.missing} rises (install fonts-noto-cjk or fonts-wqy-microhei in the image).
 */
@ApplicationScoped
public class PosterRenderer {

    private static final Logger LOG = Logger.getLogger(PosterRenderer.class);
    public static final int WIDTH = 750;
    public static final int HEIGHT = 1200;
    static final int QR_SIZE = 440;
    static final int QR_TOP = 560;
    private static final String PROBE = "我为服务中心代言扫码预约立减元";
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN");

    private final QrRenderer qr;
    private final MeterRegistry registry;
    private final ReferralConfig config;
    private volatile Font baseFont;
    private volatile boolean cjk;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // in-memory streams: no temp files per PNG written
    }

    PosterRenderer(QrRenderer qr, MeterRegistry registry, ReferralConfig config) {
        this.qr = qr;
        this.registry = registry;
        this.config = config;
    }

    public record Content(String displayName, String storeName, String offer, String url, String code) {
        String headline() {
            return "我为" + storeName + "代言";
        }

        /** Headline size: 52 px, smaller for long store names so the line fits the card (CJK glyphs are ~1 em wide). */
        int headlineSize() {
            return Math.max(24, Math.min(52, 640 / Math.max(1, headline().codePointCount(0, headline().length()))));
        }

        String byline() {
            return (displayName == null ? "老客户" : displayName) + " 真诚推荐";
        }
    }

    public byte[] svg(Content c) {
        BitMatrix m = qr.matrix(c.url(), ErrorCorrectionLevel.M, 8);
        int n = m.getWidth();
        double scale = (double) QR_SIZE / n;
        int qrX = (WIDTH - QR_SIZE) / 2;
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 "
                + WIDTH + " " + HEIGHT + "\">"
                + "<rect width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" fill=\"#0b5cad\"/>"
                + "<rect x=\"40\" y=\"40\" width=\"" + (WIDTH - 80) + "\" height=\"" + (HEIGHT - 80) + "\" rx=\"28\" fill=\"#fff\"/>"
                + text(WIDTH / 2, 170, c.headlineSize(), "#0b5cad", true, c.headline())
                + text(WIDTH / 2, 250, 34, "#333", false, c.byline())
                + "<rect x=\"90\" y=\"300\" width=\"" + (WIDTH - 180) + "\" height=\"200\" rx=\"18\" fill=\"#fff4e5\"/>"
                + text(WIDTH / 2, 380, 38, "#d35400", true, c.offer())
                + text(WIDTH / 2, 450, 28, "#555", false, "好友专享 · 扫码预约")
                + "<g transform=\"translate(" + qrX + " " + QR_TOP + ") scale(" + fmt(scale) + ")\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + QrRenderer.svgPath(m) + "\"/></g>"
                + text(WIDTH / 2, QR_TOP + QR_SIZE + 70, 30, "#333", false, "长按或扫码，预约到店")
                + text(WIDTH / 2, QR_TOP + QR_SIZE + 120, 24, "#888", false, c.code())
                + "</svg>\n";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    private static String text(int x, int y, int size, String fill, boolean bold, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" fill=\"" + fill + "\" text-anchor=\"middle\""
                + " font-family=\"'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif\""
                + (bold ? " font-weight=\"bold\"" : "") + ">" + xml(s) + "</text>";
    }

    public static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    public byte[] png(Content c) {
        Font font = font();
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x0b5cad));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.WHITE);
            g.fillRoundRect(40, 40, WIDTH - 80, HEIGHT - 80, 56, 56);
            float size = c.headlineSize();
            Font headline = font.deriveFont(Font.BOLD, size);
            while (size > 20 && g.getFontMetrics(headline).stringWidth(c.headline()) > WIDTH - 110) {
                size -= 2;
                headline = font.deriveFont(Font.BOLD, size);
            }
            centred(g, headline, new Color(0x0b5cad), c.headline(), 170);
            centred(g, font.deriveFont(Font.PLAIN, 34f), new Color(0x333333), c.byline(), 250);
            g.setColor(new Color(0xfff4e5));
            g.fillRoundRect(90, 300, WIDTH - 180, 200, 36, 36);
            centred(g, font.deriveFont(Font.BOLD, 38f), new Color(0xd35400), c.offer(), 380);
            centred(g, font.deriveFont(Font.PLAIN, 28f), new Color(0x555555), "好友专享 · 扫码预约", 450);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            BitMatrix m = qr.matrix(c.url(), ErrorCorrectionLevel.M, qr.pixelsPerModule(c.url(), ErrorCorrectionLevel.M, QR_SIZE));
            g.drawImage(QrRenderer.image(m, QR_SIZE), (WIDTH - QR_SIZE) / 2, QR_TOP, null);
            centred(g, font.deriveFont(Font.PLAIN, 30f), new Color(0x333333), "长按或扫码，预约到店", QR_TOP + QR_SIZE + 70);
            centred(g, font.deriveFont(Font.PLAIN, 24f), new Color(0x888888), c.code(), QR_TOP + QR_SIZE + 120);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void centred(Graphics2D g, Font f, Color color, String s, int baseline) {
        g.setFont(f);
        g.setColor(color);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (WIDTH - fm.stringWidth(s)) / 2, baseline);
    }

    /** Whether PNG posters can draw Chinese text on this machine. */
    public boolean hasCjkFont() {
        font();
        return cjk;
    }

    Font font() {
        Font f = baseFont;
        if (f == null) {
            synchronized (this) {
                if (baseFont == null) {
                    baseFont = pickFont();
                }
                f = baseFont;
            }
        }
        return f;
    }

    private Font pickFont() {
        if (config.poster().fontFile().isPresent()) {
            File file = new File(config.poster().fontFile().get());
            try {
                Font[] fonts = Font.createFonts(file);
                cjk = fonts[0].canDisplayUpTo(PROBE) == -1;
                return fonts[0].deriveFont(32f);
            } catch (Exception e) {
                LOG.warnf("poster font %s unusable: %s", file, e.getMessage());
            }
        }
        try {
            List<String> families = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            for (String name : PREFERRED) {
                if (families.contains(name)) {
                    Font f = new Font(name, Font.PLAIN, 32);
                    if (f.canDisplayUpTo(PROBE) == -1) {
                        cjk = true;
                        return f;
                    }
                }
            }
            for (String name : families) {
                Font f = new Font(name, Font.PLAIN, 32);
                if (f.canDisplayUpTo(PROBE) == -1) {
                    cjk = true;
                    return f;
                }
            }
        } catch (Throwable e) {
            LOG.warnf("cannot list fonts: %s", e.getMessage());
        }
        cjk = false;
        LOG.warn("no installed font can draw Chinese text: PNG posters will show boxes for it (SVG posters are fine); "
                + "install fonts-noto-cjk or set npsloop.poster.font-file");
        registry.counter("npsloop.poster.cjk.font.missing").increment();
        return new Font(Font.SANS_SERIF, Font.PLAIN, 32);
    }
}
