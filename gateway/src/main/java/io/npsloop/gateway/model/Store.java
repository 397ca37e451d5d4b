package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A store of the chain's directory. */
@RegisterForReflection
public record Store(@Id @NonNull String id, String name, String city, String regionId, String status) {
}
