package io.npsloop.k8s;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Typed models of the CloudNativePG resources we write ({@code postgresql.cnpg.io/v1}), restricted to the fields we
 * use, with names taken from the operator's CRDs (config/crd/bases/postgresql.cnpg.io_{clusters,databases}.yaml).
 * Parsed with FAIL_ON_UNKNOWN_PROPERTIES, so a misspelt or unsupported field fails the build; add a field here
 * (after checking it in the CRD) before using it in a manifest.
 */
final class Cnpg {

    private Cnpg() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, String imageName, String primaryUpdateStrategy, Boolean enableSuperuserAccess,
            Storage storage, Postgresql postgresql, Bootstrap bootstrap, Managed managed,
            ResourceRequirements resources, Affinity affinity) {
    }

    record Storage(String size, String storageClass) {
    }

    record Postgresql(Map<String, String> parameters) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner, LocalRef secret, String encoding, String localeCollate,
            String localeCType) {
    }

    record LocalRef(String name) {
    }

    record Managed(List<Role> roles) {
    }

    record Role(String name, String ensure, Boolean login, Boolean inherit, Boolean superuser, Boolean createdb,
            Integer connectionLimit, String comment, LocalRef passwordSecret, List<String> inRoles) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String podAntiAffinityType, String topologyKey) {
    }

    record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    record DatabaseSpec(String name, String owner, LocalRef cluster, String ensure, String encoding,
            String localeCollate, String localeCType, String databaseReclaimPolicy) {
    }
}
