package io.npsloop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jib settings in each service produce what the manifests expect: npsloop/<service>, a numeric user, pinned bases. */
class ImageSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "survey-service", "analytics-service", "referral-service" })
    void imageIsNamedAfterTheServiceAndRunsAsANumericNonRootUser(String service) {
        ServiceConfig c = ServiceConfig.load(service);
        assertEquals("npsloop/" + service, c.repository());
        assertEquals(Paths.version(), c.imageTag());
        assertTrue(c.jibUser().orElse("").matches("[1-9][0-9]*"), "quarkus.jib.user must be a numeric non-root uid");
        assertTrue(c.baseJvmImage().orElse("").matches(".+/.+:.+"), "quarkus.jib.base-jvm-image must be pinned to a tag");
        assertTrue(c.baseNativeImage().orElse("").matches(".+/.+:.+"), "quarkus.jib.base-native-image must be pinned to a tag");
    }
}
