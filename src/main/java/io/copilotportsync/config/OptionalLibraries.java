package io.copilotportsync.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The libraries only the service and cluster mode use are optional dependencies of the jar (README, Embedding): an
 * application that embeds the sync does not receive them. What needs one asks here first, so that a missing one is
 * one line naming the Maven artifact, not a NoClassDefFoundError from deep inside start-up.
 */
public final class OptionalLibraries {
    /** Cluster mode: the JDBC driver and the pool of the Quartz job store and the sync state. */
    public static final Map<String, String> CLUSTER = ordered(
            "org.postgresql:postgresql", "org.postgresql.Driver",
            "com.zaxxer:HikariCP", "com.zaxxer.hikari.HikariDataSource");
    /** The service's /observe/health and /observe/metrics on MANAGEMENT_PORT. */
    public static final Map<String, String> SERVICE = ordered(
            "org.apache.camel:camel-platform-http-main", "org.apache.camel.component.platform.http.main.MainHttpServer",
            "org.apache.camel:camel-health", "org.apache.camel.impl.health.AbstractHealthCheck",
            "org.apache.camel:camel-micrometer-prometheus", "org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus");

    private OptionalLibraries() {
    }

    /**
     * @param feature what needs them, as the user turned it on (e.g. "cluster mode (SYNC_DATABASE_URL)")
     * @param libraries a class of each library by its Maven coordinates
     */
    public static void require(String feature, Map<String, String> libraries) {
        List<String> missing = libraries.entrySet().stream().filter(l -> !present(l.getValue())).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException(feature + " needs " + String.join(" and ", missing) + " on the classpath: add "
                    + (missing.size() == 1 ? "it" : "them") + " to the application's dependencies (optional dependencies of copilot-port-sync)");
        }
    }

    public static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Map<String, String> ordered(String... artifactAndClass) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < artifactAndClass.length; i += 2) {
            m.put(artifactAndClass[i], artifactAndClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
