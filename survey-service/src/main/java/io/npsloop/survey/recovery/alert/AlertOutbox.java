package io.npsloop.survey.recovery.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.recovery.Ladder;
import io.npsloop.survey.recovery.RecoveryConfig;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Enqueues a case alert in the caller's transaction. The recipient is the store's {@code alertRecipients} entry
 * for the responsible role, or — when that role has none — the nearest role above it that has one. The payload
 * names the case, store, stage, deadline and a link; never the customer's name, phone or comment (the recipient
 * opens the case, which applies the visibility rules and writes the audit row).
 */
@ApplicationScoped
public class AlertOutbox {

    private static final Logger LOG = Logger.getLogger(AlertOutbox.class);

    private final RecoveryConfig config;
    private final EventOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    AlertOutbox(RecoveryConfig config, EventOutbox outbox, ObjectMapper json, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.alerts().webhookUrl().filter(u -> !u.isBlank()).isPresent();
    }

    public Uni<Void> enqueue(SqlClient conn, String kind, UUID caseId, String storeId, String role, String key,
                             Map<String, Object> data) {
        if (!enabled()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("SELECT alert_recipients::text AS r FROM store WHERE id = $1").execute(Tuple.of(storeId))
                .flatMap(rows -> {
                    Map<String, String> recipients = rows.rowCount() == 0 ? Map.of()
                            : parse(rows.iterator().next().getString("r"));
                    String target = null;
                    String targetRole = null;
                    for (int r = Math.max(Ladder.rank(role), 0); r < Roles.STORE_ROLES.size() && target == null; r++) {
                        String candidate = Roles.STORE_ROLES.get(r);
                        String rec = recipients.get(candidate);
                        if (rec != null && !rec.isBlank()) {
                            target = rec;
                            targetRole = candidate;
                        }
                    }
                    if (target == null) {
                        LOG.warnf("store %s has no alert recipient for %s or above; %s alert of case %s not sent",
                                storeId, role, kind, caseId);
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("type", kind);
                    payload.put("alertId", key);
                    payload.put("recipient", target);
                    payload.put("role", targetRole);
                    payload.putAll(data);
                    config.alerts().caseLinkBase().ifPresent(b ->
                            payload.put("caseUrl", (b.endsWith("/") ? b : b + "/") + "cases/" + caseId));
                    var now = Times.utc(clock.instant());
                    return conn.preparedQuery("INSERT INTO case_alert (idempotency_key, kind, case_id, role, recipient, payload, "
                                    + "status, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, "
                                    + "'PENDING', $7, $7) ON CONFLICT (idempotency_key) DO NOTHING")
                            .execute(Sql.t(key, kind, caseId, targetRole, target, outbox.toJson(payload), now))
                            .replaceWithVoid();
                });
    }

    private Map<String, String> parse(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {
            });
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
