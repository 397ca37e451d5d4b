package io.npsloop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Every overlay renders, parses strictly into typed models, and is consistent with the services' configuration. */
class OverlayTest {

    private static void none(List<String> violations) {
        assertTrue(violations.isEmpty(), () -> violations.size() + " violation(s):\n  " + String.join("\n  ", violations));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void rendersIntoKnownKindsOnly(String overlay) {
        Manifests m = Overlays.manifests(overlay);
        assertEquals(4, m.of(Deployment.class).size());
        assertEquals(1, m.of(Cnpg.Cluster.class).size());
        assertEquals(2, m.of(Cnpg.Database.class).size());
        m.all.forEach(o -> {
            if (o instanceof io.fabric8.kubernetes.api.model.HasMetadata h && !(o instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                assertEquals("npsloop", h.getMetadata().getNamespace(), () -> h.getKind() + " " + h.getMetadata().getName());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void deploymentsMatchTheServicesConfiguration(String overlay) {
        none(ManifestChecks.deployments(Overlays.manifests(overlay), Overlays.configs(), Overlays.tagSuffix(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void selectorsMatchLabels(String overlay) {
        none(ManifestChecks.selectors(Overlays.manifests(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyReferencedConfigMapSecretAndServiceExists(String overlay) {
        none(ManifestChecks.references(Overlays.manifests(overlay), Overlays.readmeCreated()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void datasourcesPointAtTheClusterWithTheOwnersCredentials(String overlay) {
        none(ManifestChecks.postgres(Overlays.manifests(overlay), Overlays.configs()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPoliciesIsolateEveryService(String overlay) {
        none(ManifestChecks.networkPolicies(Overlays.manifests(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void ingressRoutesThePublicPaths(String overlay) {
        none(ManifestChecks.ingress(Overlays.manifests(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceHasADisruptionBudgetAndAnAutoscaler(String overlay) {
        Manifests m = Overlays.manifests(overlay);
        for (String s : ServiceConfig.SERVICES) {
            assertTrue(m.named(PodDisruptionBudget.class, s).isPresent(), s + " PDB");
            assertTrue(m.named(HorizontalPodAutoscaler.class, s).isPresent(), s + " HPA");
        }
    }

    @Test
    void devRunsOneReplicaOfEachAndOnePostgresInstance() {
        Manifests m = Overlays.manifests("dev");
        none(ManifestChecks.replicas(m, 1, 1, false));
        m.of(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
    }

    @Test
    void prodRunsTwoOrMoreReplicasSpreadOverNodesAndThreePostgresInstances() {
        none(ManifestChecks.replicas(Overlays.manifests("prod"), 2, 3, true));
    }

    @Test
    void prodTerminatesTlsAtTheIngress() {
        var ingress = Overlays.manifests("prod").of(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).get(0);
        assertFalse(ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty());
        String base = Overlays.manifests("prod").named(io.fabric8.kubernetes.api.model.ConfigMap.class, "npsloop-common")
                .orElseThrow().getData().get("NPSLOOP_PUBLIC_BASE_URL");
        assertEquals("https://" + ingress.getSpec().getRules().get(0).getHost(), base);
    }

    @Test
    void readmeCreatesOnlyWhatSomeOverlayReferences() {
        Set<String> referenced = new HashSet<>();
        for (String o : Overlays.NAMES) {
            referenced.addAll(ManifestChecks.referenced(Overlays.manifests(o)).keySet());
        }
        Set<String> created = Overlays.readmeCreated();
        assertFalse(created.isEmpty(), "k8s/README.md lists no 'kubectl create secret|configmap' commands");
        Set<String> stale = new HashSet<>(created);
        stale.removeAll(referenced);
        assertTrue(stale.isEmpty(), "k8s/README.md creates objects nothing references: " + stale);
    }
}
