package io.npsloop.survey.recovery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lookup the response side calls (inside its transaction, before writing ResponseSubmitted): a response is a
 * re-survey when its customer has a RECOVERED case — the follow-up survey and every later response of that customer
 * (the input of the secondary detractor rate).
 */
@ApplicationScoped
public class Resurveys {

    /** {@code $1} = customerKey; one boolean column {@code again}. Used by ResponseService. */
    public static final String IS_RESURVEY_SQL = "SELECT EXISTS (SELECT 1 FROM recovery_case WHERE customer_key = $1 "
            + "AND status = 'RECOVERED') AS again";

    public Uni<Boolean> isResurvey(SqlClient conn, String customerKey) {
        if (customerKey == null) {
            return Uni.createFrom().item(false);
        }
        return conn.preparedQuery(IS_RESURVEY_SQL)
                .execute(Tuple.of(customerKey)).map(rs -> rs.iterator().next().getBoolean("again"));
    }
}
