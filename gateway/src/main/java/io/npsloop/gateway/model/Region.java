package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A region of the chain's directory. */
@RegisterForReflection
public record Region(@Id @NonNull String id, String name) {
}
