package io.npsloop.survey.survey;

import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.invitation.Tokens;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.referral.Referral;
import io.npsloop.survey.referral.ReferralClient;
import io.npsloop.survey.response.Clients;
import io.npsloop.survey.response.ClientInfo;
import io.npsloop.survey.response.ReasonTags;
import io.npsloop.survey.response.ResponseInput;
import io.npsloop.survey.response.ResponseService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** The customer's mobile survey page: server-rendered, no JavaScript needed, zh-CN by default. */
@Path("/s/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SurveyPageResource {

    static final String HTML = "text/html;charset=UTF-8";
    static final List<String> RATINGS = List.of("responseSpeed", "professionalism", "transparency", "care");

    @Inject
    @Location("survey.html")
    Template survey;

    @Inject
    @Location("thanks.html")
    Template thanks;

    @Inject
    @Location("status.html")
    Template status;

    @Inject
    @Location("optout.html")
    Template optout;

    @Inject
    SurveyService surveys;

    @Inject
    ResponseService responses;

    @Inject
    ReferralClient referrals;

    @Inject
    NpsloopConfig config;

    @GET
    public Uni<Response> page(@PathParam("token") String token, @QueryParam("lang") String lang,
                              @QueryParam("via") String via, @HeaderParam("Accept-Language") String acceptLanguage) {
        String l = Messages.language(lang, acceptLanguage);
        if (!Tokens.wellFormed(token)) {
            return statusPage(404, l);
        }
        String channel = "qr".equalsIgnoreCase(via) ? "QR_IN_STORE" : "LINK";
        return surveys.view(token, channel).flatMap(state -> switch (state) {
            case OPEN -> render(200, surveyPage(token, l, null));
            case UNKNOWN -> statusPage(404, l);
            case ANSWERED -> statusPage(409, l);
            case EXPIRED -> statusPage(410, l);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@PathParam("token") String token, @QueryParam("lang") String lang,
                                @QueryParam("via") String via, @HeaderParam("Accept-Language") String acceptLanguage,
                                @RestForm String score, @RestForm String comment,
                                @RestForm("ratings.responseSpeed") String responseSpeed,
                                @RestForm("ratings.professionalism") String professionalism,
                                @RestForm("ratings.transparency") String transparency,
                                @RestForm("ratings.care") String care,
                                @RestForm List<String> reasons,
                                @Context HttpServerRequest request) {
        String l = Messages.language(lang, acceptLanguage);
        if (!Tokens.wellFormed(token)) {
            return statusPage(404, l);
        }
        Map<String, String> m = Messages.of(l);
        Integer s = small(score, 0, 10);
        if (s == null) {
            return render(400, surveyPage(token, l, m.get("scoreMissing")));
        }
        ResponseInput in;
        try {
            in = new ResponseInput(s, comment == null || comment.isBlank() ? null : comment,
                    new ResponseInput.Ratings(rating(responseSpeed, "responseSpeed"), rating(professionalism, "professionalism"),
                            rating(transparency, "transparency"), rating(care, "care")),
                    reasons == null ? List.of() : reasons);
            responses.validate(in);
        } catch (ProblemException e) {
            return render(400, surveyPage(token, l, e.problem().detail()));
        }
        ClientInfo client = Clients.of(request, config, via);
        return responses.submit(token, in, client)
                .flatMap(sub -> {
                    Uni<Optional<Referral>> referral = sub.score() >= 9
                            ? referrals.issue(sub.customerKey(), sub.storeId(), sub.displayName())
                            : Uni.createFrom().item(Optional.empty());
                    return referral.flatMap(r -> render(200, thanks.data("m", m)
                            .data("promoter", sub.score() >= 9)
                            .data("referral", r.orElse(null))
                            .data("optOutUrl", optOutUrl(token, l))));
                })
                .onFailure(ProblemException.class).recoverWithUni(e -> statusPage(((ProblemException) e).problem().status(), l));
    }

    @GET
    @Path("/opt-out")
    public Uni<Response> optOutPage(@PathParam("token") String token, @QueryParam("lang") String lang,
                                    @HeaderParam("Accept-Language") String acceptLanguage) {
        String l = Messages.language(lang, acceptLanguage);
        if (!Tokens.wellFormed(token)) {
            return statusPage(404, l);
        }
        return surveys.known(token).flatMap(known -> known
                ? render(200, optout.data("m", Messages.of(l)).data("done", false).data("backUrl", "/s/" + token + langQuery(l)))
                : statusPage(404, l));
    }

    @POST
    @Path("/opt-out")
    public Uni<Response> optOut(@PathParam("token") String token, @QueryParam("lang") String lang,
                                @HeaderParam("Accept-Language") String acceptLanguage) {
        String l = Messages.language(lang, acceptLanguage);
        if (!Tokens.wellFormed(token)) {
            return statusPage(404, l);
        }
        return surveys.optOut(token).flatMap(done -> done
                ? render(200, optout.data("m", Messages.of(l)).data("done", true).data("backUrl", ""))
                : statusPage(404, l));
    }

    private TemplateInstance surveyPage(String token, String lang, String error) {
        return survey.data("m", Messages.of(lang))
                .data("scores", IntStream.rangeClosed(0, 10).boxed().toList())
                .data("stars", IntStream.rangeClosed(1, 5).boxed().toList())
                .data("ratings", RATINGS)
                .data("tags", ReasonTags.ALL)
                .data("error", error)
                .data("optOutUrl", optOutUrl(token, lang));
    }

    private static String optOutUrl(String token, String lang) {
        return "/s/" + token + "/opt-out" + langQuery(lang);
    }

    private static String langQuery(String lang) {
        return "en".equals(lang) ? "?lang=en" : "";
    }

    private Uni<Response> statusPage(int code, String lang) {
        Map<String, String> m = Messages.of(lang);
        String key = switch (code) {
            case 409 -> "answered";
            case 410 -> "expired";
            default -> "notFound";
        };
        return render(code == 409 || code == 410 ? code : 404, status.data("m", m)
                .data("heading", m.get(key + "Title")).data("text", m.get(key + "Text")));
    }

    private static Uni<Response> render(int code, TemplateInstance page) {
        return page.createUni().map(html -> Response.status(code).type(HTML).entity(html).build());
    }

    private static Integer small(String value, int min, int max) {
        if (value == null || !value.strip().matches("\\d{1,2}")) {
            return null;
        }
        int v = Integer.parseInt(value.strip());
        return v < min || v > max ? null : v;
    }

    private static Integer rating(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Integer v = small(value, 1, 5);
        if (v == null) {
            throw ProblemException.invalid("ratings." + name, "must be an integer from 1 to 5");
        }
        return v;
    }
}
