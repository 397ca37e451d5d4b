package io.npsloop.gateway.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The services' list shape {@code {"items": [...], "next": "<cursor>" | null}}; {@code total} if a service adds it. */
@RegisterForReflection
public record Page<T>(List<T> items, String next, Integer total) {

    public Page {
        items = items == null ? List.of() : items;
    }
}
