package io.npsloop.survey.directory;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** A store of the chain as the API shows it. */
@RegisterForReflection
public record Store(String id, String name, String city, String regionId, String status, List<String> networks,
                    Map<String, String> alertRecipients) {
    public static final String ACTIVE = "ACTIVE";
    public static final String UNCONFIGURED = "UNCONFIGURED";
}
