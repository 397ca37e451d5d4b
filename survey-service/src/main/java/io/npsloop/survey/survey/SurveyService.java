package io.npsloop.survey.survey;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the public page needs: the invitation's state, the first-view event, opt-out. */
@ApplicationScoped
public class SurveyService {

    public enum State { OPEN, UNKNOWN, ANSWERED, EXPIRED }

    private final Tx tx;
    private final EventOutbox outbox;
    private final NpsloopConfig config;
    private final Clock clock;

    SurveyService(Tx tx, EventOutbox outbox, NpsloopConfig config, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** The page is viewed: state, and on the first view of an open invitation InvitationOpened is published. */
    public Uni<State> view(String token, String channel) {
        Instant now = clock.instant();
        return tx.run(conn -> conn.preparedQuery("SELECT i.id, i.status, i.expires_at, i.order_id, i.store_id, "
                        + "o.segment->>'serviceType' AS service_type FROM invitation i "
                        + "JOIN service_order o ON o.order_id = i.order_id WHERE i.token = $1")
                .execute(Tuple.of(token))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(State.UNKNOWN);
                    }
                    Row r = rows.iterator().next();
                    State s = state(r, now);
                    if (s != State.OPEN || !"PENDING".equals(r.getString("status"))) {
                        return Uni.createFrom().item(s);
                    }
                    return conn.preparedQuery("UPDATE invitation SET status = 'OPENED', opened_at = $2, open_channel = $3 "
                                    + "WHERE id = $1 AND status = 'PENDING'")
                            .execute(Sql.t(r.getUUID("id"), Times.utc(now), channel))
                            .flatMap(u -> {
                                if (u.rowCount() == 0) {
                                    return Uni.createFrom().item(s);
                                }
                                Map<String, Object> e = new LinkedHashMap<>();
                                e.put("invitationId", r.getUUID("id").toString());
                                e.put("orderId", r.getString("order_id"));
                                e.put("storeId", r.getString("store_id"));
                                e.put("serviceType", r.getString("service_type"));
                                e.put("channel", channel);
                                e.put("openedAt", Times.iso(now, config.zone()));
                                return outbox.append(conn, "InvitationOpened", e).replaceWith(s);
                            });
                }));
    }

    /** Whether the token names an invitation at all (the opt-out page works for any known one). */
    public Uni<Boolean> known(String token) {
        return tx.pool().preparedQuery("SELECT 1 FROM invitation WHERE token = $1").execute(Tuple.of(token))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Records the opt-out of the invitation's customer (all stores); false for an unknown token. */
    public Uni<Boolean> optOut(String token) {
        Instant now = clock.instant();
        return tx.run(conn -> conn.preparedQuery("UPDATE contact SET opted_out_at = coalesce(opted_out_at, $2) "
                        + "WHERE customer_key = (SELECT customer_key FROM invitation WHERE token = $1)")
                .execute(Tuple.of(token, Times.utc(now)))
                .flatMap(u -> u.rowCount() > 0 ? Uni.createFrom().item(true) : known(token)));
    }

    static State state(Row r, Instant now) {
        String status = r.getString("status");
        if ("ANSWERED".equals(status)) {
            return State.ANSWERED;
        }
        if ("EXPIRED".equals(status) || !Times.instant(r, "expires_at").isAfter(now)) {
            return State.EXPIRED;
        }
        return State.OPEN;
    }
}
