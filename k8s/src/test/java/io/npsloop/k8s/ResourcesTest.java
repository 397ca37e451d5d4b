package io.npsloop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The JVM overlay's memory requests and limits follow from the measured figures in
 * bench/results/services-startup.tsv (bench/services-startup.sh), by the rule in k8s/README.md "Resources":
 * request >= 1.2 × idle RSS, limit >= peak RSS / 0.7, and the limit is the 512 MiB the bench's JVMs were sized for
 * (heap = 50 % of it), so what was measured is what runs.
 */
class ResourcesTest {

    static final long MIB = 1024 * 1024;

    record Measured(long idleRssMib, long peakRssMib) {
    }

    static Map<String, Measured> measured() {
        Path tsv = Paths.root().resolve("bench/results/services-startup.tsv");
        assertTrue(Files.isReadable(tsv), "run bench/services-startup.sh first: " + tsv + " is missing");
        Map<String, Measured> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                if (line.startsWith("#") || line.startsWith("service\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length >= 6 && !f[4].equals("NA") && !f[5].equals("NA")) {
                    out.put(f[0], new Measured(Long.parseLong(f[4]), Long.parseLong(f[5])));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static List<String> check(Manifests m, Map<String, Measured> figures) {
        List<String> v = new ArrayList<>();
        for (String s : ServiceConfig.SERVICES) {
            Measured f = figures.get(s);
            if (f == null) {
                v.add(s + ": no measurement in bench/results/services-startup.tsv");
                continue;
            }
            ResourceRequirements r = m.named(Deployment.class, s).orElseThrow().getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getResources();
            long req = mib(r.getRequests().get("memory"));
            long lim = mib(r.getLimits().get("memory"));
            if (req * 10 < f.idleRssMib() * 12) {
                v.add(s + ": memory request " + req + "Mi < 1.2 × measured idle RSS " + f.idleRssMib() + "Mi");
            }
            if (lim * 7 < f.peakRssMib() * 10) {
                v.add(s + ": memory limit " + lim + "Mi < measured peak RSS " + f.peakRssMib() + "Mi / 0.7");
            }
            if (lim != 512) {
                v.add(s + ": memory limit " + lim + "Mi is not the 512Mi the bench measured the JVM under");
            }
        }
        return v;
    }

    private static long mib(Quantity q) {
        return Quantity.getAmountInBytes(q).divide(BigDecimal.valueOf(MIB)).longValue();
    }

    @Test
    void devMemoryFollowsTheMeasuredRss() {
        List<String> v = check(Overlays.manifests("dev"), measured());
        assertTrue(v.isEmpty(), String.join("\n", v));
    }

    @Test
    void aRequestBelowTheMeasuredRssIsRejected() {
        Map<String, Measured> huge = new HashMap<>();
        for (String s : ServiceConfig.SERVICES) {
            huge.put(s, new Measured(4000, 4000));
        }
        assertEquals(ServiceConfig.SERVICES.length * 2, check(Overlays.manifests("dev"), huge).size());
    }
}
