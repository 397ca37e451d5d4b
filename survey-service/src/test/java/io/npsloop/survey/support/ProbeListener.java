package io.npsloop.survey.support;

import io.npsloop.survey.common.Tx;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.response.ResponseListener;
import io.npsloop.survey.response.StoredResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * A ResponseListener for the SPI tests: on the comment "LISTENER-PROBE" it appends an event through the
 * request's transaction; on "LISTENER-FAIL" it fails (the whole submission must roll back); on "LISTENER-SLOW" it
 * appends the same event after 400 ms (a transaction still open when a client gives up). Otherwise it does nothing.
 */
@ApplicationScoped
public class ProbeListener implements ResponseListener {

    private final EventOutbox outbox;
    private final Tx tx;
    private final Vertx vertx;

    ProbeListener(EventOutbox outbox, Tx tx, Vertx vertx) {
        this.outbox = outbox;
        this.tx = tx;
        this.vertx = vertx;
    }

    @Override
    public Uni<Void> onResponseStored(StoredResponse r) {
        if ("LISTENER-PROBE".equals(r.comment())) {
            return outbox.append("ProbeSeen", Map.of("responseId", r.responseId().toString(), "storeId", r.storeId(),
                    "score", r.score()));
        }
        if ("LISTENER-SLOW".equals(r.comment())) {
            SqlConnection conn = tx.current();
            // a Vert.x timer fires on this request's context, where the transaction lives
            return Uni.createFrom().<Long>emitter(e -> vertx.setTimer(400, e::complete))
                    .chain(() -> outbox.append(conn, "ProbeSeen", Map.of("responseId", r.responseId().toString(),
                            "storeId", r.storeId(), "score", r.score())));
        }
        if ("LISTENER-FAIL".equals(r.comment())) {
            return Uni.createFrom().failure(new IllegalStateException("probe listener failure"));
        }
        return Uni.createFrom().voidItem();
    }
}
