package io.npsloop.gateway;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares {@link MockServices} for every {@code @QuarkusTest} of this module. */
@QuarkusTestResource(MockServices.class)
public class MockServicesResource {
}
