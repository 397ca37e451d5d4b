package io.npsloop.survey.directory;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record Region(String id, String name) {
}
