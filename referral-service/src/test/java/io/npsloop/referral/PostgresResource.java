package io.npsloop.referral;

import io.npsloop.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of this module runs against a fresh database on the shared test PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
public class PostgresResource {
}
