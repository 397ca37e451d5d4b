package io.npsloop.referral.booking;

import io.npsloop.referral.config.Times;
import io.npsloop.referral.landing.ClientInfo;
import io.npsloop.referral.landing.Labels;
import io.npsloop.problem.ProblemException;
import io.npsloop.referral.problem.RuleViolationException;
import io.npsloop.referral.problem.ThrottledException;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Bookings: JSON for API clients, and the landing page's form post answering an HTML page. Public (no token). */
@Path("/api/v1/referrals/{code}/bookings")
public class BookingResource {

    @Inject
    BookingService bookings;
    @Inject
    ClientInfo clients;
    @Inject
    Times times;
    @Inject
    Template message;
    @Inject
    io.npsloop.referral.landing.RateLimiter limiter;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> book(@PathParam("code") String code, BookingRequest body, @Context HttpServerRequest request) {
        limiter.acquire(clients.address(request));
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return bookings.book(code, body, clients.visitorHash(request))
                .map(r -> Response.created(URI.create("/api/v1/referrals/" + r.code() + "/bookings/" + r.bookingId()))
                        .entity(r).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> bookForm(@PathParam("code") String code, @FormParam("name") String name, @FormParam("phone") String phone,
                                  @FormParam("storeId") String storeId, @FormParam("preferredTime") String preferredTime,
                                  @FormParam("plate") String plate, @FormParam("clickToken") String clickToken,
                                  @FormParam("lang") String lang, @Context HttpServerRequest request) {
        Labels t = Labels.pick(lang, request.getHeader("Accept-Language"));
        limiter.acquire(clients.address(request));
        OffsetDateTime when = parseLocal(preferredTime);
        BookingRequest body = new BookingRequest(name, phone, storeId, when, plate, clickToken);
        return bookings.book(code, body, clients.visitorHash(request))
                .chain(r -> page(t, 201, t.bookedTitle(), t.bookedText(), null))
                .onFailure().recoverWithUni(e -> {
                    String back = "/r/" + code;
                    if (e instanceof RuleViolationException rv) {
                        return page(t, 422, t.errorTitle(), rv.getMessage(), back);
                    }
                    if (e instanceof ThrottledException th) {
                        return page(t, 429, t.errorTitle(), th.getMessage(), back)
                                .map(r -> Response.fromResponse(r).header("Retry-After", th.retryAfterSeconds()).build());
                    }
                    if (e instanceof ProblemException pe) {
                        if (pe.problem().status() == 404) {
                            return page(t, 404, t.notFoundTitle(), t.notFoundText(), null);
                        }
                        return page(t, pe.problem().status(), t.errorTitle(), pe.problem().detail(), back);
                    }
                    return Uni.createFrom().failure(e);
                });
    }

    /** datetime-local ("2026-11-24T10:00") in the chain zone, or a full ISO instant with offset. */
    private OffsetDateTime parseLocal(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(times.zone()).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalid("preferredTime", "must be a date and time");
            }
        }
    }

    private Uni<Response> page(Labels t, int status, String title, String text, String back) {
        return message.data("t", t).data("title", title).data("text", text).data("back", back).createUni()
                .map(html -> Response.status(status).entity(html).type("text/html;charset=UTF-8").build());
    }
}
