package io.npsloop.survey.recovery.audit;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.recovery.CaseView;
import io.npsloop.survey.recovery.Who;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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

    /**
     * One page of a keyset list (rows fetched newest first with {@code limit + 1} to learn whether more follow, cursor
     * = the last row's {@code seq}), with the disclosures it makes audited in the same transaction.
     *
     * @param disclosure the subject a view discloses contact data of, or null when it shows none
     */
    public <V> Uni<CaseView.Page<V>> page(SqlClient conn, Who who, String via, RowSet<Row> rows, int limit,
                                          Function<Row, V> view, Function<V, Subject> disclosure) {
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        String next = null;
        if (all.size() > limit) {
            all = all.subList(0, limit);
            next = String.valueOf(all.get(all.size() - 1).getLong("seq"));
        }
        List<V> items = new ArrayList<>(all.size());
        List<Subject> disclosed = new ArrayList<>();
        for (Row r : all) {
            V v = view.apply(r);
            items.add(v);
            Subject subject = disclosure.apply(v);
            if (subject != null) {
                disclosed.add(subject);
            }
        }
        String cursor = next;
        return record(conn, who, via, disclosed).map(x -> new CaseView.Page<>(items, cursor));
    }
}
