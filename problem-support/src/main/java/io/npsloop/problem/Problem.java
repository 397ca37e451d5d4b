package io.npsloop.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** An RFC 7807 problem document; {@code invalidParams} names each rejected field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://npsloop.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem invalid(String detail, List<InvalidParam> params) {
        return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, params);
    }

    @RegisterForReflection
    public record InvalidParam(String name, String reason) {
    }
}
