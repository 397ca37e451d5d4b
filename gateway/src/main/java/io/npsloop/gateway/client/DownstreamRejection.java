package io.npsloop.gateway.client;

import java.util.List;

/**
 * A downstream service answered with a 4xx: the request was understood and refused, so it is neither retried nor
 * counted by the circuit breaker. {@code invalidParams} comes from the problem+json body when present.
 */
public class DownstreamRejection extends RuntimeException {

    private final String service;
    private final int status;
    private final List<Param> invalidParams;

    public DownstreamRejection(String service, int status, String detail, List<Param> invalidParams) {
        super(detail == null ? service + " answered " + status : detail, null, false, false);
        this.service = service;
        this.status = status;
        this.invalidParams = invalidParams == null ? List.of() : invalidParams;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public List<Param> invalidParams() {
        return invalidParams;
    }

    public record Param(String name, String reason) {
    }
}
