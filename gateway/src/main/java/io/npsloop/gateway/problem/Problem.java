package io.npsloop.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** RFC 7807 body of the gateway's few REST answers (GraphQL answers carry GraphQL errors instead). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("https://npsloop.dev/problems/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"),
                title, status, detail);
    }
}
