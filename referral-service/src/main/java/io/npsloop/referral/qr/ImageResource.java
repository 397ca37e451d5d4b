package io.npsloop.referral.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.npsloop.referral.code.CodeService;
import io.npsloop.referral.code.CodeView;
import io.npsloop.referral.code.Links;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * QR codes and posters of a code. Public (they are printed and shared). The ETag is a hash of everything the
 * image depends on, so a conditional request is answered 304 without rendering; rendering runs on a worker thread.
 */
@Path("/api/v1/referrals/{code}")
public class ImageResource {

    static final String CACHE = "public, max-age=31536000, immutable";
    static final String RENDER_VERSION = "v1";

    @Inject
    CodeService codes;
    @Inject
    Links links;
    @Inject
    QrRenderer qr;
    @Inject
    PosterRenderer posters;
    @Inject
    ReferralConfig config;

    @GET
    @Path("qr.svg")
    public Uni<Response> qrSvg(@PathParam("code") String code, @QueryParam("size") String size, @QueryParam("ecc") String ecc,
                               @HeaderParam("If-None-Match") String ifNoneMatch) {
        Params p = params(size, ecc);
        return withCode(code, v -> render("image/svg+xml", ifNoneMatch, "qr.svg|" + v.code() + "|" + p,
                () -> qr.svg(links.qrTarget(v.code()), p.ecc(), p.size())));
    }

    @GET
    @Path("qr.png")
    public Uni<Response> qrPng(@PathParam("code") String code, @QueryParam("size") String size, @QueryParam("ecc") String ecc,
                               @HeaderParam("If-None-Match") String ifNoneMatch) {
        Params p = params(size, ecc);
        return withCode(code, v -> render("image/png", ifNoneMatch, "qr.png|" + v.code() + "|" + p,
                () -> qr.png(links.qrTarget(v.code()), p.ecc(), p.size())));
    }

    @GET
    @Path("poster.svg")
    public Uni<Response> posterSvg(@PathParam("code") String code, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return withCode(code, v -> {
            PosterRenderer.Content c = content(v);
            return render("image/svg+xml", ifNoneMatch, "poster.svg|" + c, () -> posters.svg(c));
        });
    }

    @GET
    @Path("poster.png")
    public Uni<Response> posterPng(@PathParam("code") String code, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return withCode(code, v -> {
            PosterRenderer.Content c = content(v);
            return render("image/png", ifNoneMatch, "poster.png|" + c + "|" + posters.hasCjkFont(), () -> posters.png(c));
        });
    }

    private PosterRenderer.Content content(CodeView v) {
        return new PosterRenderer.Content(v.displayName(), v.storeName(), config.referral().offerZh(), links.qrTarget(v.code()), v.code());
    }

    record Params(int size, ErrorCorrectionLevel ecc) {
    }

    static Params params(String size, String ecc) {
        List<Problem.InvalidParam> bad = new ArrayList<>();
        int s = 512;
        if (size != null) {
            try {
                s = Integer.parseInt(size.trim());
                if (s < 128 || s > 2048) {
                    bad.add(new Problem.InvalidParam("size", "must be an integer from 128 to 2048"));
                }
            } catch (NumberFormatException e) {
                bad.add(new Problem.InvalidParam("size", "must be an integer from 128 to 2048"));
            }
        }
        ErrorCorrectionLevel level = ErrorCorrectionLevel.M;
        if (ecc != null) {
            switch (ecc) {
                case "L" -> level = ErrorCorrectionLevel.L;
                case "M" -> level = ErrorCorrectionLevel.M;
                case "Q" -> level = ErrorCorrectionLevel.Q;
                case "H" -> level = ErrorCorrectionLevel.H;
                default -> bad.add(new Problem.InvalidParam("ecc", "must be one of L, M, Q, H"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(Problem.invalid(bad.stream().map(b -> b.name() + " " + b.reason())
                    .reduce((a, b) -> a + "; " + b).orElse(""), bad));
        }
        return new Params(s, level);
    }

    private Uni<Response> withCode(String code, java.util.function.Function<CodeView, Uni<Response>> then) {
        return codes.find(code).chain((Optional<CodeView> v) -> {
            if (v.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("No such referral code."));
            }
            return then.apply(v.get());
        });
    }

    private static Uni<Response> render(String type, String ifNoneMatch, String identity, Supplier<byte[]> renderer) {
        String etag = "\"" + sha256(RENDER_VERSION + "|" + identity).substring(0, 32) + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Uni.createFrom().item(Response.notModified().header("ETag", etag).header("Cache-Control", CACHE).build());
        }
        return Uni.createFrom().item(renderer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(bytes -> Response.ok(bytes, type).header("ETag", etag).header("Cache-Control", CACHE).build());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
