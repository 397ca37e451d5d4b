package io.npsloop.survey.common;

import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Arrays;

/** Tuples of any arity that may hold nulls. */
public final class Sql {

    private Sql() {
    }

    public static Tuple t(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }
}
