package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** Contact details of a case's customer: null unless the caller may see them. */
@RegisterForReflection
public record CaseCustomer(String name, String phone) {
}
