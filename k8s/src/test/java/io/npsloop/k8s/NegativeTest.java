package io.npsloop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The checks can fail: deliberately broken manifests (the rendered dev/prod overlay with one thing changed, or a
 * hand-written document) are rejected, each by the rule it breaks.
 */
class NegativeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x
                      %s
            """;

    private static IllegalArgumentException rejected(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> Manifests.parse(yaml));
    }

    @Test
    void theValidDocumentParses() {
        assertEquals(1, Manifests.parse(DEPLOYMENT.formatted("imagePullPolicy: Always")).all.size());
    }

    @Test
    void aMisspeltFieldInABuiltInKindIsRejected() {
        IllegalArgumentException e = rejected(DEPLOYMENT.formatted("livenesProbe: {httpGet: {path: /q/health/live, port: 8080}}"));
        assertTrue(e.getMessage().contains("livenesProbe"), e.getMessage());
    }

    @Test
    void aMisspeltFieldDeepInsideIsRejected() {
        IllegalArgumentException e = rejected(DEPLOYMENT.formatted(
                "securityContext: {readOnlyRootFileSystem: true}")); // capital S: not a field
        assertTrue(e.getMessage().contains("readOnlyRootFileSystem"), e.getMessage());
    }

    @Test
    void aStringWhereANumberBelongsIsRejected() {
        rejected(DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicas: \"2\"\n  selector").formatted(""));
    }

    @Test
    void aMisspeltCloudNativePgFieldIsRejected() {
        IllegalArgumentException e = rejected("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg}
                spec:
                  instance: 3
                """);
        assertTrue(e.getMessage().contains("instance"), e.getMessage());
    }

    @Test
    void anUnexpectedKindIsRejected() {
        rejected("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: pg}
                spec: {}
                """);
    }

    // --- the real overlays, broken in one place ---------------------------------------------------------------

    private static Manifests broken(String overlay, String from, String to) {
        String yaml = Overlays.yaml(overlay);
        assertTrue(yaml.contains(from), "fixture out of date: '" + from + "' not in the rendered " + overlay + " overlay");
        return Manifests.parse(yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static void violates(Function<Manifests, List<String>> check, Manifests m, String expected) {
        List<String> v = check.apply(m);
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), () -> "expected a violation containing '" + expected + "', got " + v);
    }

    private static Function<Manifests, List<String>> deployments(String overlay) {
        return m -> ManifestChecks.deployments(m, Overlays.configs(), Overlays.tagSuffix(overlay));
    }

    @Test
    void aProbeOnAPathTheServiceDoesNotServeIsRejected() {
        violates(deployments("dev"), broken("dev", "path: /q/health/ready", "path: /health/ready"), "readinessProbe path /health/ready");
    }

    @Test
    void aProbeOnTheWrongPortIsRejected() {
        violates(deployments("dev"), broken("dev", "containerPort: 8081", "containerPort: 8080"),
                "Deployment survey-service: startupProbe port http -> 8080, health is served on 8081");
    }

    @Test
    void aWritableRootFilesystemIsRejected() {
        violates(deployments("dev"), broken("dev", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                "readOnlyRootFilesystem must be true");
    }

    @Test
    void anImageTheBuildDoesNotProduceIsRejected() {
        violates(deployments("prod"), broken("prod", "npsloop/gateway:" + Paths.version() + "-native", "npsloop/gateway:latest"),
                "image npsloop/gateway:latest");
    }

    @Test
    void missingLimitsAreRejected() {
        Manifests m = broken("dev", "limits:\n            cpu: \"1\"\n", "limits:\n");
        violates(deployments("dev"), m, "needs requests and limits for cpu");
    }

    @Test
    void aSecretNobodyCreatesIsRejected() {
        violates(m -> ManifestChecks.references(m, Overlays.readmeCreated()),
                broken("dev", "name: npsloop-customer-key", "name: npsloop-customer-kee"), "Secret/npsloop-customer-kee");
    }

    @Test
    void aSecretIsAcceptedOnlyIfTheReadmeCreatesIt() {
        Manifests m = Overlays.manifests("dev");
        List<String> withoutReadme = ManifestChecks.references(m, java.util.Set.of());
        assertTrue(withoutReadme.stream().anyMatch(s -> s.contains("Secret/npsloop-customer-key")), withoutReadme::toString);
        assertTrue(withoutReadme.stream().noneMatch(s -> s.contains("Secret/npsloop-pg-app")), "the operator creates <cluster>-app");
        assertTrue(withoutReadme.stream().noneMatch(s -> s.contains("Service/npsloop-pg-rw")), "the operator creates <cluster>-rw");
    }

    @Test
    void aRestClientUrlToAServiceThatDoesNotExistIsRejected() {
        violates(m -> ManifestChecks.references(m, Overlays.readmeCreated()),
                broken("dev", "http://analytics-service:8082", "http://analytics:8082"), "Service/analytics");
    }

    @Test
    void aDatasourceOnTheWrongDatabaseOrCredentialsIsRejected() {
        Function<Manifests, List<String>> pg = m -> ManifestChecks.postgres(m, Overlays.configs());
        violates(pg, broken("dev", "postgresql://npsloop-pg-rw:5432/npsloop_referral", "postgresql://npsloop-pg-rw:5432/npsloop_survey"),
                "reactive and JDBC URLs name different databases");
        violates(pg, broken("dev", "key: password\n              name: npsloop-pg-referral", "key: password\n              name: npsloop-pg-app"),
                "QUARKUS_DATASOURCE_PASSWORD must come from Secret key npsloop-pg-referral/password");
        violates(pg, broken("dev", "postgresql://npsloop-pg-rw:5432/npsloop_analytics", "postgresql://npsloop-pg-ro:5432/npsloop_analytics"),
                "datasource host must be the read-write service npsloop-pg-rw");
    }

    @Test
    void aServiceSelectingNoPodIsRejected() {
        Manifests m = broken("dev", "selector:\n    app.kubernetes.io/name: gateway", "selector:\n    app.kubernetes.io/name: gateway2");
        violates(ManifestChecks::selectors, m, "Service gateway: selector matches 0 Deployments");
    }

    @Test
    void anEgressToTheWrongPortIsRejected() {
        String yaml = Overlays.yaml("dev");
        int np = yaml.indexOf("kind: NetworkPolicy\nmetadata:\n  labels:\n    app.kubernetes.io/name: gateway");
        assertTrue(np > 0, "fixture: gateway NetworkPolicy");
        int port = yaml.indexOf("port: 8082", np);
        Manifests m = Manifests.parse(yaml.substring(0, port) + "port: 8083" + yaml.substring(port + "port: 8082".length()));
        violates(ManifestChecks::networkPolicies, m, "must be port 8082 only");
    }

    @Test
    void oneReplicaInProdIsRejected() {
        Manifests m = broken("prod", "replicas: 2", "replicas: 1");
        violates(x -> ManifestChecks.replicas(x, 2, 3, true), m, "1 replicas, want >= 2");
    }

    @Test
    void aMissingRouteIsRejected() {
        violates(ManifestChecks::ingress, broken("dev", "path: /r/", "path: /ref/"), "must route /r/ to referral-service");
    }

    @Test
    void aSecretTheServiceReadsButTheDeploymentDoesNotSetIsRejected() {
        // referral-service's Deployment is rendered first; break its NPSLOOP_CUSTOMER_KEY_SECRET and make the
        // service read that variable (whatever its properties say today).
        Manifests m = broken("dev", "- name: NPSLOOP_CUSTOMER_KEY_SECRET", "- name: NPSLOOP_CUSTOMER_KEY_SECRET_UNUSED");
        java.util.Map<String, ServiceConfig> configs = new java.util.LinkedHashMap<>();
        Properties p = new Properties();
        p.setProperty("quarkus.http.port", "8083");
        p.setProperty("quarkus.container-image.group", "npsloop");
        p.setProperty("quarkus.container-image.name", "referral-service");
        p.setProperty("npsloop.customer-key.secret", "${NPSLOOP_CUSTOMER_KEY_SECRET:change-me}");
        configs.put("referral-service", ServiceConfig.of("referral-service", p, "test"));
        violates(x -> ManifestChecks.deployments(x, configs, ""), m,
                "Deployment referral-service: NPSLOOP_CUSTOMER_KEY_SECRET is read by referral-service's application.properties");
    }

    @Test
    void envWithALaptopDefaultIsRequiredAndOneWithASaneDefaultIsNot() {
        Properties p = new Properties();
        p.setProperty("quarkus.container-image.group", "npsloop");
        p.setProperty("a", "${NPSLOOP_ZONE:Asia/Shanghai}");
        p.setProperty("b", "${NPSLOOP_PUBLIC_BASE_URL:http://localhost:8081}");
        p.setProperty("c", "${NPSLOOP_VISITOR_SALT:dev-only-visitor-salt}");
        p.setProperty("d", "${NPSLOOP_NEW}");
        p.setProperty("%dev.e", "${NPSLOOP_DEV_ONLY}");
        assertEquals(java.util.Set.of("NPSLOOP_PUBLIC_BASE_URL", "NPSLOOP_VISITOR_SALT", "NPSLOOP_NEW"),
                ServiceConfig.of("svc", p, "test").requiredEnv());
    }

    @Test
    void serviceConfigFollowsTheServicesProperties() {
        Properties p = new Properties();
        p.setProperty("quarkus.http.port", "9999");
        p.setProperty("quarkus.container-image.group", "npsloop");
        p.setProperty("quarkus.container-image.name", "svc");
        p.setProperty("quarkus.smallrye-health.root-path", "/health");
        p.setProperty("%prod.quarkus.http.port", "7777");
        p.setProperty("%test.quarkus.http.port", "1");
        ServiceConfig c = ServiceConfig.of("svc", p, "test");
        assertEquals(7777, c.httpPort());
        assertEquals("/health/ready", c.readyPath());
        assertEquals("npsloop/svc", c.repository());
        assertEquals(Paths.version(), c.imageTag());
        p.setProperty("quarkus.management.enabled", "true");
        ServiceConfig mgmt = ServiceConfig.of("svc", p, "test");
        assertEquals(9000, mgmt.healthPort());
        assertNotEquals(mgmt.healthPort(), mgmt.httpPort());
        p.remove("quarkus.container-image.group");
        assertThrows(AssertionError.class, () -> ServiceConfig.of("svc", p, "test"));
    }
}
