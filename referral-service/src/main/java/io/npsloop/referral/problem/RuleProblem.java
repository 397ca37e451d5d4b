package io.npsloop.referral.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A booking refused by a fraud rule (422): the problem document plus the {@code rule} member. */
@RegisterForReflection
public record RuleProblem(String type, String title, int status, String detail, String rule) {
}
