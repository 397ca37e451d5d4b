package io.npsloop.survey.recovery.audit;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.recovery.Who;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The contact-data disclosure log: one row per case/passive whose name or phone a person was shown. Written in
 * the same transaction as the read that discloses, before the answer leaves: no audit row, no disclosure.
 */
@ApplicationScoped
public class Disclosures {

    private final Clock clock;

    Disclosures(Clock clock) {
        this.clock = clock;
    }

    /** A disclosed subject: its kind (CASE/PASSIVE), id and store. */
    public record Subject(String kind, UUID id, String storeId) {
    }

    public Uni<Void> record(SqlClient conn, Who who, String via, List<Subject> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var now = Times.utc(clock.instant());
        String actor = who.sub() == null ? "unknown" : who.sub();
        String[] roles = who.roles().stream().sorted().toArray(String[]::new);
        List<Tuple> rows = new ArrayList<>();
        subjects.forEach(s -> rows.add(Sql.t(actor, roles, s.kind(), s.id(), s.storeId(), via, now)));
        return conn.preparedQuery("INSERT INTO contact_disclosure (actor, actor_roles, subject_kind, subject_id, store_id, "
                + "via, disclosed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(rows).replaceWithVoid();
    }
}
