package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.HostRoutes;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each instance is a readiness check in the application's camel-health registry: UP before its first run and after
 * one that succeeded, DOWN with the reason after one that failed (here Port refuses the secret); gone with its route.
 * Its meters are in the application's micrometer registry, tagged with the instance, and go with its route.
 */
class EmbeddedHealthAndMetricsTest {

    @Test
    void a_failed_run_makes_its_instance_down_in_the_applications_health_with_the_reason(@TempDir Path dir) throws Exception {
        try (StandIns good = new StandIns(dir.resolve("good")); StandIns refused = new StandIns(dir.resolve("refused"));
             StandIns idle = new StandIns(dir.resolve("idle"))) {
            Map<String, String> wrongSecret = refused.instanceParameters("0/2 * * * * ?");
            wrongSecret.put("portClientSecret", "not-the-secret");
            BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:summaries").routeId("summaries").process(e -> summaries.add(e.getMessage().getBody(String.class)));
                }
            });
            HostRoutes.addTemplatedRoute(host, "sync-good", good.instanceParameters("0/2 * * * * ?"));
            HostRoutes.addTemplatedRoute(host, "sync-refused", wrongSecret);
            HostRoutes.addTemplatedRoute(host, "sync-idle", idle.instanceParameters("0 0 0 1 1 ? 2099"));
            host.start();
            // camel-health answers every check only at exposure level full (camel.health.exposureLevel)
            HealthCheckRegistry.get(host).setExposureLevel("full");
            try {
                boolean succeeded = false;
                boolean failed = false;
                while (!(succeeded && failed)) {
                    String summary = summaries.poll(60, TimeUnit.SECONDS);
                    assertNotNull(summary, "a summary of each instance within 60 s");
                    succeeded |= summary.contains("Result: every kind succeeded");
                    failed |= summary.contains("Result: FAILED");
                }
                List<HealthCheck.Result> after = checks(host);
                assertEquals(3, after.size(), "one check per instance: " + describe(after));
                assertEquals(1, after.stream().filter(r -> r.getState() == HealthCheck.State.UP
                        && r.getMessage().orElse("").equals("no run yet")).count(), "the idle instance: " + describe(after));
                List<HealthCheck.Result> down = after.stream().filter(r -> r.getState() == HealthCheck.State.DOWN).toList();
                assertEquals(1, down.size(), "the refused instance only: " + describe(after));
                String reason = down.get(0).getMessage().orElse("");
                assertTrue(reason.startsWith("the last run failed: Port refused the credentials"), reason);
                assertTrue(reason.contains("parameter portClientSecret (PORT_CLIENT_SECRET)"), "named as the application set it: " + reason);
                assertFalse(reason.contains("not-the-secret"), reason);
                assertEquals(1, after.stream().filter(r -> r.getState() == HealthCheck.State.UP
                        && r.getMessage().orElse("").equals("the last run succeeded")).count(), describe(after));
                host.getRouteController().stopRoute("sync-refused");
                host.removeRoute("sync-refused");
                assertEquals(2, checks(host).size(), "its check goes with its route: " + describe(checks(host)));
            } finally {
                host.stop();
            }
        }
    }

    @Test
    void the_instances_meters_are_in_the_applications_registry_tagged_with_the_instance(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            SimpleMeterRegistry hostMeters = new SimpleMeterRegistry();
            BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
            CamelContext host = new DefaultCamelContext();
            host.getRegistry().bind("metricsRegistry", hostMeters);
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:summaries").routeId("summaries").process(e -> summaries.add(e.getMessage().getBody(String.class)));
                }
            });
            HostRoutes.addTemplatedRoute(host, "sync", tenant.instanceParameters("0/2 * * * * ?"));
            host.start();
            try {
                String summary = summaries.poll(60, TimeUnit.SECONDS);
                assertNotNull(summary, "a summary within 60 s");
                assertTrue(summary.contains("Result: every kind succeeded"), summary);
                long inPort = tenant.port.holdings().values().stream().mapToLong(Map::size).sum();
                double upserted = hostMeters.find("copilot_sync_entities_upserted").counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                assertTrue(inPort > 0);
                assertEquals(inPort, (long) upserted, "every entity Port holds was counted upserted, in the application's registry");
                List<String> instances = hostMeters.find("copilot_sync_entities_upserted").counters().stream()
                        .map(c -> c.getId().getTag("instance")).distinct().toList();
                assertEquals(1, instances.size(), "one instance: " + instances);
                assertTrue(instances.get(0).startsWith("copilot-port-sync-"), instances.toString());
                assertNotNull(hostMeters.find("copilot_sync_last_run_seconds").tag("instance", instances.get(0)).gauge());
                host.getRouteController().stopRoute("sync");
                host.removeRoute("sync");
                assertEquals(List.of(), hostMeters.getMeters().stream().filter(m -> instances.get(0).equals(m.getId().getTag("instance")))
                        .map(m -> m.getId().getName()).toList(), "its meters go with its route, instead of staying at their last values");
            } finally {
                host.stop();
            }
        }
    }

    private static List<HealthCheck.Result> checks(CamelContext host) {
        return HealthCheckHelper.invokeReadiness(host).stream().filter(r -> r.getCheck().getId().startsWith("copilot-port-sync-")).toList();
    }

    private static String describe(List<HealthCheck.Result> results) {
        return results.stream().map(r -> r.getCheck().getId() + " " + r.getState() + " " + r.getMessage().orElse("")).toList().toString();
    }
}
