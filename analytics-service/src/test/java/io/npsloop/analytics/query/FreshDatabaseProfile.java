package io.npsloop.analytics.query;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Its own application start, hence its own fresh database: chain-wide figures see only this test's events. */
public class FreshDatabaseProfile implements QuarkusTestProfile {
}
