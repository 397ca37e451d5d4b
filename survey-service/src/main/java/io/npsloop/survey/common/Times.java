package io.npsloop.survey.common;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Instants on the wire: ISO-8601 with the offset of the chain zone. */
public final class Times {

    private Times() {
    }

    public static String iso(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone).toString();
    }

    public static OffsetDateTime odt(Instant i, ZoneId zone) {
        return i == null ? null : OffsetDateTime.ofInstant(i, zone);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
    }
}
