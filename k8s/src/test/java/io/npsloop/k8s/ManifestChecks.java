package io.npsloop.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The consistency rules for a rendered overlay. Each check returns its violations (empty = fine), so the tests can
 * both require "no violation" of the real overlays and require a specific violation of a deliberately broken one.
 */
final class ManifestChecks {

    /**
     * Objects that the manifests reference but that are created by the CloudNativePG operator for each Cluster,
     * not by the overlay: exactly these two, per Cluster named C.
     */
    static Set<String> operatorCreated(Manifests m) {
        Set<String> names = new HashSet<>();
        for (Cnpg.Cluster c : m.of(Cnpg.Cluster.class)) {
            String n = c.metadata().getName();
            names.add("Secret/" + n + "-app"); // credentials of the bootstrap.initdb owner (username, password, uri…)
            names.add("Service/" + n + "-rw"); // read-write service, always pointing at the primary
        }
        return names;
    }

    private static final Pattern CREATE = Pattern.compile(
            "kubectl\\s+(?:-n\\s+\\S+\\s+)?create\\s+(secret\\s+(?:generic|tls)|configmap)\\s+([a-z0-9][-a-z0-9.]*)");

    /** "Secret/x" / "ConfigMap/y" for every {@code kubectl create secret|configmap NAME} command in the README. */
    static Set<String> createdByReadme(String readme) {
        Set<String> out = new HashSet<>();
        Matcher mm = CREATE.matcher(readme.replace("\\\n", " "));
        while (mm.find()) {
            out.add((mm.group(1).startsWith("secret") ? "Secret/" : "ConfigMap/") + mm.group(2));
        }
        return out;
    }

    private ManifestChecks() {
    }

    // ------------------------------------------------------------------------------------------------ deployments

    static List<String> deployments(Manifests m, Map<String, ServiceConfig> configs, String tagSuffix) {
        List<String> v = new ArrayList<>();
        for (ServiceConfig cfg : configs.values()) {
            Optional<Deployment> od = m.named(Deployment.class, cfg.service());
            if (od.isEmpty()) {
                v.add("no Deployment " + cfg.service());
                continue;
            }
            Deployment d = od.get();
            String w = "Deployment " + cfg.service();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (pod.getContainers().size() != 1) {
                v.add(w + ": expected exactly one container");
                continue;
            }
            Container c = pod.getContainers().get(0);
            Map<String, String> env = env(m, c);

            // port and probes
            Integer containerPort = port(c, "http");
            if (!Objects.equals(containerPort, cfg.httpPort())) {
                v.add(w + ": containerPort 'http' is " + containerPort + ", quarkus.http.port is " + cfg.httpPort());
            }
            if (env.containsKey("QUARKUS_HTTP_PORT") && !env.get("QUARKUS_HTTP_PORT").equals(String.valueOf(cfg.httpPort()))) {
                v.add(w + ": QUARKUS_HTTP_PORT=" + env.get("QUARKUS_HTTP_PORT") + " differs from the container port");
            }
            probe(v, w, "startupProbe", c.getStartupProbe(), c, cfg.startedPath(), cfg.healthPort());
            probe(v, w, "livenessProbe", c.getLivenessProbe(), c, cfg.livePath(), cfg.healthPort());
            probe(v, w, "readinessProbe", c.getReadinessProbe(), c, cfg.readyPath(), cfg.healthPort());

            // Prometheus scrape annotations
            Map<String, String> ann = Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations()).orElse(Map.of());
            if (!"true".equals(ann.get("prometheus.io/scrape"))
                    || !String.valueOf(cfg.httpPort()).equals(ann.get("prometheus.io/port"))
                    || !cfg.metricsPath().equals(ann.get("prometheus.io/path"))) {
                v.add(w + ": prometheus.io/scrape,port,path must be true," + cfg.httpPort() + "," + cfg.metricsPath()
                        + " but are " + ann.get("prometheus.io/scrape") + "," + ann.get("prometheus.io/port") + ","
                        + ann.get("prometheus.io/path"));
            }

            // resources
            ResourceRequirements r = c.getResources();
            for (String res : List.of("cpu", "memory")) {
                Quantity req = r == null || r.getRequests() == null ? null : r.getRequests().get(res);
                Quantity lim = r == null || r.getLimits() == null ? null : r.getLimits().get(res);
                if (req == null || lim == null) {
                    v.add(w + ": needs requests and limits for " + res);
                } else if (lim.getNumericalAmount().compareTo(req.getNumericalAmount()) < 0) {
                    v.add(w + ": " + res + " limit " + lim + " below request " + req);
                }
            }

            for (String required : cfg.requiredEnv()) {
                if (!env.containsKey(required)) {
                    v.add(w + ": " + required + " is read by " + cfg.service() + "'s application.properties and its "
                            + "default (" + cfg.envRefs().get(required).orElse("none") + ") does not suit Kubernetes; set it "
                            + "(ConfigMap, or secretKeyRef for secrets)");
                }
            }
            security(v, w, pod, c, cfg);
            shutdown(v, w, pod, c, env);

            // image
            String image = c.getImage();
            String expectedTag = cfg.imageTag() + tagSuffix;
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            String repo = colon > slash ? image.substring(0, colon) : image;
            String tag = colon > slash ? image.substring(colon + 1) : "latest";
            String[] parts = repo.split("/", 2);
            if (parts.length == 2 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
                repo = parts[1]; // registry host removed
            }
            if (!repo.equals(cfg.repository()) || !tag.equals(expectedTag)) {
                v.add(w + ": image " + image + " is not what the build produces: [registry/]" + cfg.repository() + ":"
                        + expectedTag + " (quarkus.container-image.* in " + cfg.service() + "'s application.properties)");
            }
        }
        return v;
    }

    private static void probe(List<String> v, String w, String kind, Probe p, Container c, String path, int port) {
        if (p == null || p.getHttpGet() == null) {
            v.add(w + ": no " + kind + " (httpGet " + path + ")");
            return;
        }
        if (!path.equals(p.getHttpGet().getPath())) {
            v.add(w + ": " + kind + " path " + p.getHttpGet().getPath() + ", the service serves " + path);
        }
        Integer actual = resolvePort(c, p.getHttpGet().getPort());
        if (!Objects.equals(actual, port)) {
            v.add(w + ": " + kind + " port " + str(p.getHttpGet().getPort()) + " -> " + actual + ", health is served on " + port);
        }
    }

    private static void security(List<String> v, String w, PodSpec pod, Container c, ServiceConfig cfg) {
        PodSecurityContext ps = pod.getSecurityContext();
        SecurityContext cs = c.getSecurityContext();
        if (ps == null || !Boolean.TRUE.equals(ps.getRunAsNonRoot())) {
            v.add(w + ": pod securityContext.runAsNonRoot must be true");
        }
        Long uid = Optional.ofNullable(cs).map(SecurityContext::getRunAsUser).orElse(ps == null ? null : ps.getRunAsUser());
        if (uid == null || uid == 0) {
            v.add(w + ": needs a numeric non-root runAsUser");
        } else if (cfg.jibUser().isPresent() && !cfg.jibUser().get().equals(String.valueOf(uid))) {
            v.add(w + ": runAsUser " + uid + " differs from the image's user quarkus.jib.user=" + cfg.jibUser().get());
        }
        String seccomp = Optional.ofNullable(cs).map(SecurityContext::getSeccompProfile).map(s -> s.getType())
                .orElse(ps == null || ps.getSeccompProfile() == null ? null : ps.getSeccompProfile().getType());
        if (!"RuntimeDefault".equals(seccomp)) {
            v.add(w + ": seccompProfile must be RuntimeDefault");
        }
        if (cs == null) {
            v.add(w + ": container securityContext missing");
            return;
        }
        if (!Boolean.FALSE.equals(cs.getAllowPrivilegeEscalation())) {
            v.add(w + ": allowPrivilegeEscalation must be false");
        }
        if (!Boolean.TRUE.equals(cs.getReadOnlyRootFilesystem())) {
            v.add(w + ": readOnlyRootFilesystem must be true");
        }
        if (Boolean.TRUE.equals(cs.getPrivileged())) {
            v.add(w + ": must not be privileged");
        }
        if (cs.getCapabilities() == null || cs.getCapabilities().getDrop() == null
                || !cs.getCapabilities().getDrop().contains("ALL")
                || (cs.getCapabilities().getAdd() != null && !cs.getCapabilities().getAdd().isEmpty())) {
            v.add(w + ": capabilities must drop ALL and add none");
        }
        boolean tmp = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(vm -> "/tmp".equals(vm.getMountPath())
                && pod.getVolumes().stream().anyMatch(vol -> vol.getName().equals(vm.getName()) && vol.getEmptyDir() != null));
        if (!tmp) {
            v.add(w + ": read-only root needs an emptyDir mounted at /tmp");
        }
    }

    private static void shutdown(List<String> v, String w, PodSpec pod, Container c, Map<String, String> env) {
        long grace = Optional.ofNullable(pod.getTerminationGracePeriodSeconds()).orElse(30L);
        Integer sleep = c.getLifecycle() == null || c.getLifecycle().getPreStop() == null
                || c.getLifecycle().getPreStop().getSleep() == null ? null
                        : c.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        if (sleep == null) {
            v.add(w + ": needs a preStop sleep so endpoints drain before SIGTERM");
            return;
        }
        String timeout = env.get("QUARKUS_SHUTDOWN_TIMEOUT");
        if (timeout == null || !timeout.matches("\\d+s")) {
            v.add(w + ": QUARKUS_SHUTDOWN_TIMEOUT (seconds, e.g. 25s) must be set for graceful shutdown");
            return;
        }
        long shutdown = Long.parseLong(timeout.substring(0, timeout.length() - 1));
        if (sleep + shutdown >= grace) {
            v.add(w + ": preStop " + sleep + "s + shutdown " + shutdown + "s must fit in terminationGracePeriodSeconds " + grace);
        }
    }

    /** Env of a container as the pod sees it: ConfigMap envFrom values, then literal env values (secrets as "<secret>"). */
    static Map<String, String> env(Manifests m, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource ef : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (ef.getConfigMapRef() != null) {
                m.named(ConfigMap.class, ef.getConfigMapRef().getName())
                        .ifPresent(cm -> env.putAll(Optional.ofNullable(cm.getData()).orElse(Map.of())));
            }
        }
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : "<from " + e.getValueFrom() + ">");
        }
        return env;
    }

    private static Integer port(Container c, String name) {
        return Optional.ofNullable(c.getPorts()).orElse(List.of()).stream().filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static String str(IntOrString p) {
        return p == null ? "null" : p.getIntVal() != null ? String.valueOf(p.getIntVal()) : p.getStrVal();
    }

    private static Integer resolvePort(Container c, IntOrString port) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : port(c, port.getStrVal());
    }

    // -------------------------------------------------------------------------------------------------- selectors

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean selects(LabelSelector s, Map<String, String> labels) {
        if (s == null || (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty())) {
            return false; // we write matchLabels only
        }
        return selects(s.getMatchLabels(), labels);
    }

    private static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    static List<String> selectors(Manifests m) {
        List<String> v = new ArrayList<>();
        List<Deployment> deps = m.of(Deployment.class);
        for (Deployment d : deps) {
            if (!selects(d.getSpec().getSelector(), podLabels(d))) {
                v.add("Deployment " + d.getMetadata().getName() + ": selector is not a subset of its template labels");
            }
        }
        for (Service s : m.of(Service.class)) {
            List<Deployment> hit = deps.stream().filter(d -> selects(s.getSpec().getSelector(), podLabels(d))).toList();
            if (hit.size() != 1) {
                v.add("Service " + s.getMetadata().getName() + ": selector matches " + hit.size() + " Deployments, want 1");
                continue;
            }
            Container c = hit.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
            for (ServicePort sp : s.getSpec().getPorts()) {
                if (resolvePort(c, sp.getTargetPort()) == null) {
                    v.add("Service " + s.getMetadata().getName() + ": targetPort " + str(sp.getTargetPort()) + " not a port of "
                            + hit.get(0).getMetadata().getName());
                }
            }
        }
        for (PodDisruptionBudget p : m.of(PodDisruptionBudget.class)) {
            if (deps.stream().noneMatch(d -> selects(p.getSpec().getSelector(), podLabels(d)))) {
                v.add("PodDisruptionBudget " + p.getMetadata().getName() + ": selects no Deployment");
            }
        }
        for (HorizontalPodAutoscaler h : m.of(HorizontalPodAutoscaler.class)) {
            var ref = h.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(ref.getKind()) || m.named(Deployment.class, ref.getName()).isEmpty()) {
                v.add("HorizontalPodAutoscaler " + h.getMetadata().getName() + ": target " + ref.getKind() + "/" + ref.getName() + " missing");
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------- references

    /** Every ConfigMap, Secret and Service referenced exists in the overlay, or is operator- or README-created. */
    static List<String> references(Manifests m, Set<String> readmeCreated) {
        Set<String> allowed = new HashSet<>();
        m.of(ConfigMap.class).forEach(x -> allowed.add("ConfigMap/" + x.getMetadata().getName()));
        m.of(Secret.class).forEach(x -> allowed.add("Secret/" + x.getMetadata().getName()));
        m.of(Service.class).forEach(x -> allowed.add("Service/" + x.getMetadata().getName()));
        allowed.addAll(operatorCreated(m));
        allowed.addAll(readmeCreated);
        List<String> v = new ArrayList<>();
        referenced(m).forEach((ref, where) -> {
            if (!allowed.contains(ref)) {
                v.add(where + " references " + ref + ": not in the overlay, not created by the CloudNativePG operator, "
                        + "and no 'kubectl create' for it in k8s/README.md");
            }
        });
        return v;
    }

    /** "Kind/name" of every ConfigMap, Secret and Service the overlay's objects reference → who references it. */
    static Map<String, String> referenced(Manifests m) {
        Map<String, String> refs = new LinkedHashMap<>(); // ref -> where
        for (Deployment d : m.of(Deployment.class)) {
            String w = "Deployment " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                for (EnvFromSource ef : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (ef.getConfigMapRef() != null) refs.put("ConfigMap/" + ef.getConfigMapRef().getName(), w);
                    if (ef.getSecretRef() != null) refs.put("Secret/" + ef.getSecretRef().getName(), w);
                }
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValueFrom() == null) continue;
                    if (e.getValueFrom().getSecretKeyRef() != null) refs.put("Secret/" + e.getValueFrom().getSecretKeyRef().getName(), w);
                    if (e.getValueFrom().getConfigMapKeyRef() != null) refs.put("ConfigMap/" + e.getValueFrom().getConfigMapKeyRef().getName(), w);
                }
                // hosts of URLs in the container's env must be Services: http://name:port, postgresql://name:port
                for (Map.Entry<String, String> e : env(m, c).entrySet()) {
                    Matcher u = Pattern.compile("^(?:jdbc:)?(?:https?|postgresql)://([a-z0-9-]+)(?::\\d+)?(?:/.*)?$").matcher(e.getValue());
                    if (u.matches() && !e.getKey().equals("NPSLOOP_PUBLIC_BASE_URL")) {
                        refs.put("Service/" + u.group(1), w + " env " + e.getKey());
                    }
                }
            }
            for (Volume vol : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (vol.getConfigMap() != null) refs.put("ConfigMap/" + vol.getConfigMap().getName(), w);
                if (vol.getSecret() != null) refs.put("Secret/" + vol.getSecret().getSecretName(), w);
            }
        }
        for (Ingress i : m.of(Ingress.class)) {
            String w = "Ingress " + i.getMetadata().getName();
            for (IngressRule r : i.getSpec().getRules()) {
                for (HTTPIngressPath p : r.getHttp().getPaths()) {
                    refs.put("Service/" + p.getBackend().getService().getName(), w);
                }
            }
            for (IngressTLS t : Optional.ofNullable(i.getSpec().getTls()).orElse(List.of())) {
                refs.put("Secret/" + t.getSecretName(), w);
            }
        }
        for (Cnpg.Cluster c : m.of(Cnpg.Cluster.class)) {
            for (Cnpg.Role r : Optional.ofNullable(c.spec().managed()).map(Cnpg.Managed::roles).orElse(List.of())) {
                if (r.passwordSecret() != null) refs.put("Secret/" + r.passwordSecret().name(), "Cluster " + c.metadata().getName());
            }
        }
        return refs;
    }

    // --------------------------------------------------------------------------------------------------- postgres

    /** Each service's datasource points at the Cluster's -rw Service, a database it has, with its owner's secret. */
    static List<String> postgres(Manifests m, Map<String, ServiceConfig> configs) {
        List<String> v = new ArrayList<>();
        List<Cnpg.Cluster> clusters = m.of(Cnpg.Cluster.class);
        if (clusters.size() != 1) {
            v.add("expected exactly one CloudNativePG Cluster, found " + clusters.size());
            return v;
        }
        Cnpg.Cluster cl = clusters.get(0);
        String cn = cl.metadata().getName();
        Map<String, String> dbOwner = new HashMap<>();
        Map<String, String> ownerSecret = new HashMap<>();
        Cnpg.InitDb init = cl.spec().bootstrap() == null ? null : cl.spec().bootstrap().initdb();
        if (init == null || init.database() == null || init.owner() == null) {
            v.add("Cluster " + cn + ": bootstrap.initdb needs database and owner");
        } else {
            dbOwner.put(init.database(), init.owner());
            ownerSecret.put(init.owner(), init.secret() != null ? init.secret().name() : cn + "-app");
        }
        for (Cnpg.Role r : Optional.ofNullable(cl.spec().managed()).map(Cnpg.Managed::roles).orElse(List.of())) {
            if (!Boolean.TRUE.equals(r.login()) || r.passwordSecret() == null) {
                v.add("Cluster " + cn + ": managed role " + r.name() + " needs login: true and a passwordSecret");
            } else {
                ownerSecret.put(r.name(), r.passwordSecret().name());
            }
        }
        for (Cnpg.Database d : m.of(Cnpg.Database.class)) {
            if (d.spec().cluster() == null || !cn.equals(d.spec().cluster().name())) {
                v.add("Database " + d.metadata().getName() + ": cluster must be " + cn);
            }
            if (!ownerSecret.containsKey(d.spec().owner())) {
                v.add("Database " + d.metadata().getName() + ": owner " + d.spec().owner() + " is not a role of " + cn);
            }
            if (!"retain".equals(d.spec().databaseReclaimPolicy())) {
                v.add("Database " + d.metadata().getName() + ": databaseReclaimPolicy must be retain");
            }
            dbOwner.put(d.spec().name(), d.spec().owner());
        }
        Pattern reactive = Pattern.compile("^postgresql://([a-z0-9-]+):5432/([a-z0-9_]+)$");
        Pattern jdbc = Pattern.compile("^jdbc:postgresql://([a-z0-9-]+):5432/([a-z0-9_]+)$");
        Set<String> usedDbs = new HashSet<>();
        for (Deployment dep : m.of(Deployment.class)) {
            Container c = dep.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = env(m, c);
            String w = "Deployment " + dep.getMetadata().getName();
            String r = env.get("QUARKUS_DATASOURCE_REACTIVE_URL");
            if (r == null) {
                continue; // the gateway has no database
            }
            Matcher mr = reactive.matcher(r);
            Matcher mj = jdbc.matcher(Objects.toString(env.get("QUARKUS_DATASOURCE_JDBC_URL"), ""));
            if (!mr.matches() || !mj.matches()) {
                v.add(w + ": QUARKUS_DATASOURCE_REACTIVE_URL / _JDBC_URL must both be set as postgresql://host:5432/db");
                continue;
            }
            if (!mr.group(1).equals(cn + "-rw") || !mj.group(1).equals(cn + "-rw")) {
                v.add(w + ": datasource host must be the read-write service " + cn + "-rw");
            }
            if (!mr.group(2).equals(mj.group(2))) {
                v.add(w + ": reactive and JDBC URLs name different databases");
            }
            String db = mr.group(2);
            if (!usedDbs.add(db)) {
                v.add(w + ": database " + db + " is shared with another service (each service owns its own)");
            }
            String owner = dbOwner.get(db);
            if (owner == null) {
                v.add(w + ": database " + db + " is neither the initdb database nor a Database resource of " + cn);
                continue;
            }
            String secret = ownerSecret.get(owner);
            for (String key : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                Optional<EnvVar> e = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream().filter(x -> x.getName().equals(key)).findFirst();
                String ref = e.map(EnvVar::getValueFrom).map(vf -> vf.getSecretKeyRef()).map(s -> s.getName() + "/" + s.getKey()).orElse(null);
                String want = secret + "/" + (key.endsWith("USERNAME") ? "username" : "password");
                if (!want.equals(ref)) {
                    v.add(w + ": " + key + " must come from Secret key " + want + " (owner " + owner + " of " + db + "), is " + ref);
                }
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------- network policies

    static List<String> networkPolicies(Manifests m) {
        List<String> v = new ArrayList<>();
        List<NetworkPolicy> nps = m.of(NetworkPolicy.class);
        for (Deployment d : m.of(Deployment.class)) {
            String n = d.getMetadata().getName();
            List<NetworkPolicy> mine = nps.stream().filter(p -> selects(p.getSpec().getPodSelector(), podLabels(d))).toList();
            boolean ingress = mine.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Ingress"));
            boolean egress = mine.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Egress"));
            if (!ingress || !egress) {
                v.add("Deployment " + n + ": not isolated for both Ingress and Egress by a NetworkPolicy");
            }
            boolean dns = mine.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
                    .anyMatch(e -> e.getPorts() != null && e.getPorts().stream().anyMatch(pp -> pp.getPort() != null
                            && Integer.valueOf(53).equals(pp.getPort().getIntVal()) && "UDP".equals(pp.getProtocol())));
            if (!dns) {
                v.add("Deployment " + n + ": no DNS egress (UDP 53)");
            }
            for (NetworkPolicy p : mine) {
                for (NetworkPolicyIngressRule r : Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of())) {
                    Integer target = port(d.getSpec().getTemplate().getSpec().getContainers().get(0), "http");
                    if (r.getPorts() == null || r.getPorts().isEmpty()) {
                        v.add("NetworkPolicy " + p.getMetadata().getName() + ": an ingress rule of " + n + " allows all ports");
                    } else if (r.getPorts().stream().anyMatch(pp -> !Objects.equals(pp.getPort().getIntVal(), target))) {
                        v.add("NetworkPolicy " + p.getMetadata().getName() + ": ingress port other than " + n + "'s " + target);
                    }
                    if (r.getFrom() == null || r.getFrom().isEmpty()) {
                        v.add("NetworkPolicy " + p.getMetadata().getName() + ": an ingress rule of " + n + " allows every source");
                    }
                }
                for (NetworkPolicyEgressRule r : Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of())) {
                    if (r.getTo() == null || r.getTo().isEmpty()) {
                        v.add("NetworkPolicy " + p.getMetadata().getName() + ": an egress rule of " + n + " allows every destination");
                    }
                    for (NetworkPolicyPeer peer : Optional.ofNullable(r.getTo()).orElse(List.of())) {
                        v.addAll(peerPort(m, p, peer, r.getPorts()));
                    }
                }
            }
        }
        return v;
    }

    /** An egress to one of our Deployments must name that Deployment's port; to a Cluster, 5432. */
    private static List<String> peerPort(Manifests m, NetworkPolicy p, NetworkPolicyPeer peer, List<NetworkPolicyPort> ports) {
        if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null) {
            return List.of();
        }
        Map<String, String> sel = peer.getPodSelector().getMatchLabels();
        Set<Integer> allowed = new HashSet<>();
        Optional.ofNullable(ports).orElse(List.of()).forEach(pp -> allowed.add(pp.getPort().getIntVal()));
        if (sel.containsKey("cnpg.io/cluster")) {
            boolean exists = m.cluster(sel.get("cnpg.io/cluster")).isPresent();
            return exists && allowed.equals(Set.of(5432)) ? List.of()
                    : List.of("NetworkPolicy " + p.getMetadata().getName() + ": egress to cluster " + sel + " must exist and be 5432 only");
        }
        List<Deployment> targets = m.of(Deployment.class).stream().filter(d -> selects(sel, podLabels(d))).toList();
        if (targets.size() != 1) {
            return List.of("NetworkPolicy " + p.getMetadata().getName() + ": egress peer " + sel + " matches " + targets.size() + " Deployments");
        }
        Integer port = port(targets.get(0).getSpec().getTemplate().getSpec().getContainers().get(0), "http");
        return allowed.equals(Set.of(port)) ? List.of()
                : List.of("NetworkPolicy " + p.getMetadata().getName() + ": egress to " + sel + " must be port " + port + " only");
    }

    // ---------------------------------------------------------------------------------------------------- ingress

    static final Map<String, String> ROUTES = Map.of("/graphql", "gateway", "/", "gateway", "/s/", "survey-service",
            "/r/", "referral-service");

    static List<String> ingress(Manifests m) {
        List<String> v = new ArrayList<>();
        List<Ingress> all = m.of(Ingress.class);
        if (all.size() != 1) {
            return List.of("expected one Ingress, found " + all.size());
        }
        Map<String, String> routes = new HashMap<>();
        for (IngressRule r : all.get(0).getSpec().getRules()) {
            for (HTTPIngressPath p : r.getHttp().getPaths()) {
                routes.put(p.getPath(), p.getBackend().getService().getName());
                if (!"Prefix".equals(p.getPathType())) {
                    v.add("Ingress path " + p.getPath() + ": pathType must be Prefix");
                }
                Optional<Service> s = m.named(Service.class, p.getBackend().getService().getName());
                String portName = p.getBackend().getService().getPort().getName();
                if (s.isPresent() && s.get().getSpec().getPorts().stream().noneMatch(sp -> sp.getName().equals(portName))) {
                    v.add("Ingress path " + p.getPath() + ": Service " + s.get().getMetadata().getName() + " has no port " + portName);
                }
            }
        }
        ROUTES.forEach((path, svc) -> {
            if (!svc.equals(routes.get(path))) {
                v.add("Ingress must route " + path + " to " + svc + ", routes it to " + routes.get(path));
            }
        });
        return v;
    }

    // ------------------------------------------------------------------------------------------------ replication

    static List<String> replicas(Manifests m, int minReplicas, int clusterInstances, boolean antiAffinity) {
        List<String> v = new ArrayList<>();
        for (Deployment d : m.of(Deployment.class)) {
            String n = d.getMetadata().getName();
            int r = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
            if (r < minReplicas) {
                v.add("Deployment " + n + ": " + r + " replicas, want >= " + minReplicas);
            }
            m.find(HorizontalPodAutoscaler.class, h -> n.equals(h.getSpec().getScaleTargetRef().getName())).ifPresent(h -> {
                if (h.getSpec().getMinReplicas() < minReplicas || h.getSpec().getMinReplicas() > r
                        || h.getSpec().getMaxReplicas() < h.getSpec().getMinReplicas()) {
                    v.add("HorizontalPodAutoscaler " + n + ": min " + h.getSpec().getMinReplicas() + " / max "
                            + h.getSpec().getMaxReplicas() + " inconsistent with " + r + " replicas");
                }
            });
            if (antiAffinity) {
                var aff = d.getSpec().getTemplate().getSpec().getAffinity();
                List<WeightedPodAffinityTerm> pref = aff == null || aff.getPodAntiAffinity() == null ? List.of()
                        : Optional.ofNullable(aff.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).orElse(List.of());
                var req = aff == null || aff.getPodAntiAffinity() == null ? List.<io.fabric8.kubernetes.api.model.PodAffinityTerm>of()
                        : Optional.ofNullable(aff.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).orElse(List.of());
                boolean ok = Stream.concat(pref.stream().map(WeightedPodAffinityTerm::getPodAffinityTerm), req.stream())
                        .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()) && selects(t.getLabelSelector(), podLabels(d)));
                if (!ok) {
                    v.add("Deployment " + n + ": needs pod anti-affinity on kubernetes.io/hostname selecting its own pods");
                }
            }
        }
        for (PodDisruptionBudget p : m.of(PodDisruptionBudget.class)) {
            if (p.getSpec().getMinAvailable() != null) {
                v.add("PodDisruptionBudget " + p.getMetadata().getName() + ": use maxUnavailable (minAvailable blocks drains at 1 replica)");
            }
        }
        for (Cnpg.Cluster c : m.of(Cnpg.Cluster.class)) {
            if (!Objects.equals(c.spec().instances(), clusterInstances)) {
                v.add("Cluster " + c.metadata().getName() + ": " + c.spec().instances() + " instances, want " + clusterInstances);
            }
            if (clusterInstances > 1 && (c.spec().affinity() == null || !Boolean.TRUE.equals(c.spec().affinity().enablePodAntiAffinity())
                    || !"required".equals(c.spec().affinity().podAntiAffinityType()))) {
                v.add("Cluster " + c.metadata().getName() + ": instances must be spread by required pod anti-affinity");
            }
        }
        return v;
    }
}
