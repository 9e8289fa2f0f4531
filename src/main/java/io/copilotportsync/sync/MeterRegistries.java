package io.copilotportsync.sync;

import io.copilotportsync.config.OptionalLibraries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The registry of the sync's meters: Prometheus's where camel-micrometer-prometheus is on the classpath (the service
 * serves it on /observe/metrics), else micrometer's simple one, for an application that embeds the sync without it.
 */
final class MeterRegistries {
    private MeterRegistries() {
    }

    static MeterRegistry create() {
        return OptionalLibraries.present("io.micrometer.prometheusmetrics.PrometheusMeterRegistry") ? Prometheus.registry()
                : new SimpleMeterRegistry();
    }

    /**
     * A registry that passes each meter on to {@code own} and to those added later (an embedding application's);
     * with {@code instance}, every meter is tagged with it (a filter of the composite: its children's own filters
     * are not applied to what it passes on).
     */
    static CompositeMeterRegistry over(MeterRegistry own, String instance) {
        CompositeMeterRegistry meters = new CompositeMeterRegistry();
        if (instance != null) {
            meters.config().commonTags("instance", instance);
        }
        meters.add(own);
        return meters;
    }

    /**
     * The meters of {@code meters} leave every registry it passes them on to but {@code own}: an embedded instance
     * that stops takes its series out of the application's registry, instead of leaving them at their last values.
     */
    static void detach(CompositeMeterRegistry meters, MeterRegistry own) {
        for (MeterRegistry other : java.util.List.copyOf(meters.getRegistries())) {
            if (other != own) {
                meters.getMeters().forEach(m -> other.remove(m.getId()));
                meters.remove(other);
            }
        }
    }

        /** A class of its own: loaded, with Prometheus's classes, only once they are known to be there. */
    private static final class Prometheus {
        static MeterRegistry registry() {
            return new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        }
    }
}
