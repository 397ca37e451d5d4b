package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;

/** One comparison window of an initiative's effect: treated stores vs control stores. */
@RegisterForReflection
public record EffectWindow(LocalDate from, LocalDate to, boolean complete, NpsResult treated, NpsResult control) {
}
