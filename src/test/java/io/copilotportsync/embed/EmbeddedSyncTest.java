package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelContextTracker;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing Camel application (a plain CamelContext: no camel-main, no files from routes/) syncs with a few lines:
 * a route from the Kamelet in Java, a templatedRoute in its YAML, or addRouteFromTemplate. Each instance runs the
 * routes shipped in the jar in a context of its own, with its own credentials, on the application's schedule.
 */
class EmbeddedSyncTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    @Test
    void a_kamelet_route_and_a_templated_route_fill_two_ports_as_the_jar_does_without_touching_each_other_or_the_host(
            @TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> expected = StandIns.cleanRunHoldings(dir.resolve("reference"));
        List<CamelContext> contexts = new CopyOnWriteArrayList<>();
        CamelContextTracker tracker = tracking(contexts);
        try (StandIns tenantA = new StandIns(dir.resolve("tenant-a")); StandIns tenantB = new StandIns(dir.resolve("tenant-b"));
             RawLog log = new RawLog()) {
            BlockingQueue<Exchange> fromKamelet = new LinkedBlockingQueue<>();
            BlockingQueue<Exchange> fromTemplate = new LinkedBlockingQueue<>();
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(kameletUri(parameters(tenantA))).routeId("copilot-usage-a").process(e -> fromKamelet.add(e.copy()));
                    from("direct:copilot-summaries").routeId("copilot-summaries-b").process(e -> fromTemplate.add(e.copy()));
                }
            });
            Map<String, String> b = parameters(tenantB);
            // secrets from the host's own configuration, as an application keeps them
            host.getPropertiesComponent().addInitialProperty("tenant-b.github-token", b.get("githubToken"));
            host.getPropertiesComponent().addInitialProperty("tenant-b.port-secret", b.get("portClientSecret"));
            b.put("githubToken", "{{tenant-b.github-token}}");
            b.put("portClientSecret", "{{tenant-b.port-secret}}");
            b.put("location", "classpath:copilot-port-sync/templates.camel.yaml");
            b.put("summaryUri", "direct:copilot-summaries");
            PluginHelper.getRoutesLoader(host).loadRoutes(ResourceHelper.fromString("host.camel.yaml", templatedRoute("copilot-usage-b", b)));
            host.start();
            List<CamelContext> inner;
            try {
                Exchange a = fromKamelet.poll(60, TimeUnit.SECONDS);
                Exchange t = fromTemplate.poll(60, TimeUnit.SECONDS);
                assertNotNull(a, "no summary from the Kamelet route within 60 s");
                assertNotNull(t, "no summary from the templated route within 60 s");
                for (Exchange summary : List.of(a, t)) {
                    assertTrue(summary.getMessage().getBody(String.class).contains("Result: every kind succeeded"),
                            summary.getMessage().getBody(String.class));
                    assertEquals(Boolean.TRUE, summary.getMessage().getHeader(EmbeddedSync.SUCCEEDED));
                }
                assertEquals(expected, tenantA.port.holdings());
                assertEquals(expected, tenantB.port.holdings());

                // the host keeps its own routes and registry: the sync's routes and beans are in contexts of their own
                Set<String> hostRoutes = host.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
                assertTrue(hostRoutes.containsAll(Set.of("copilot-usage-a", "copilot-summaries-b", "copilot-usage-b")), hostRoutes.toString());
                assertEquals(4, hostRoutes.size(), "the host's three routes and the Kamelet's: " + hostRoutes);
                assertNull(host.getRegistry().lookupByName("runStart"));
                inner = contexts.stream().filter(c -> c != host && c.getName().startsWith("copilot-port-sync-")).toList();
                assertEquals(2, inner.size(), contexts.stream().map(CamelContext::getName).toList().toString());
                for (CamelContext c : inner) {
                    assertTrue(c.isStarted());
                    assertNotNull(c.getRoute("sync-run"));
                    assertNull(c.getRoute("sync-schedule"), "the schedule is the host's");
                    for (Route route : c.getRoutes()) {
                        // the copies shipped in the jar (target/classes here), not routes/ of the working directory
                        assertTrue(route.getSourceLocation().contains("/copilot-port-sync/routes/"), route.getSourceLocation());
                    }
                }
            } finally {
                host.stop();
            }
            for (CamelContext c : inner) {
                assertTrue(c.isStopped(), c.getName() + " stops with the host");
            }
            for (String secret : List.of(tenantA.env.get("GITHUB_TOKEN"), tenantA.clientSecret, tenantB.env.get("GITHUB_TOKEN"),
                    tenantB.clientSecret)) {
                assertFalse(log.text().contains(secret), "a secret reached the host's log");
            }
        } finally {
            tracker.close();
        }
    }

    @Test
    void add_route_from_template_in_java_syncs_only_the_kinds_asked_for_until_its_route_is_removed(@TempDir Path dir) throws Exception {
        List<CamelContext> contexts = new CopyOnWriteArrayList<>();
        CamelContextTracker tracker = tracking(contexts);
        try (StandIns tenant = new StandIns(dir)) {
            BlockingQueue<Exchange> summaries = new LinkedBlockingQueue<>();
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:summaries").process(e -> summaries.add(e.copy()));
                }
            });
            TemplatedRouteBuilder template = TemplatedRouteBuilder.builder(host, "copilot-port-sync").routeId("copilot-seats")
                    .parameter("location", "classpath:copilot-port-sync/templates.camel.yaml")
                    .parameter("kinds", "copilot-seats, copilot-billing")
                    .parameter("summaryUri", "direct:summaries");
            parameters(tenant).forEach(template::parameter);
            template.add();
            host.start();
            try {
                Exchange summary = summaries.poll(60, TimeUnit.SECONDS);
                assertNotNull(summary, "no summary within 60 s");
                String text = summary.getMessage().getBody(String.class);
                assertTrue(text.contains("Result: every kind succeeded"), text);
                assertFalse(text.contains("usage-metrics"), text);
                assertEquals(Set.of("githubCopilotBilling", "githubCopilotSeat"), tenant.port.holdings().keySet());
                assertEquals(StandIns.ORGS.size(), tenant.port.holdings().get("githubCopilotBilling").size());
                long organizationSeats = StandIns.ORGS.stream().mapToLong(org -> tenant.data.seats(org).size()).sum();
                assertTrue(tenant.port.holdings().get("githubCopilotSeat").size() > organizationSeats, "organization and enterprise seats");

                CamelContext inner = contexts.stream().filter(c -> c.getName().startsWith("copilot-port-sync-")).findFirst().orElseThrow();
                assertTrue(inner.isStarted());
                host.getRouteController().stopRoute("copilot-seats");
                assertTrue(inner.isStarted(), "a stopped route may start again: its beans stay");
                host.removeRoute("copilot-seats");
                assertTrue(inner.isStopped(), "the sync's context stops when its route is removed");
            } finally {
                host.stop();
            }
        } finally {
            tracker.close();
        }
    }

    @Test
    void a_malformed_parameter_stops_the_host_with_the_parameter_named(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = parameters(tenant);
            parameters.put("startDay", "2026-13-01");
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(kameletUri(parameters)).to("log:summary");
                }
            });
            Exception e = assertThrows(Exception.class, host::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals("parameter startDay (SYNC_START_DAY) must be a day as YYYY-MM-DD, got '2026-13-01'", root.getMessage());
            host.stop();
        }
    }

    @Test
    void the_start_up_refusals_of_the_jar_name_the_parameter() throws Exception {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("schedule=0 99 3 * * ?", "parameter schedule (SYNC_CRON) '0 99 3 * * ?' has minute 99: minutes are 0-59");
        refusals.put("schedule=0 0 0 30 2 ?", "parameter schedule (SYNC_CRON) '0 0 0 30 2 ?' never fires");
        refusals.put("githubOrgs=octo-org,octo-org", "parameter githubOrgs (GITHUB_ORGS) names 'octo-org' twice");
        refusals.put("githubOrgs=,,,", "parameter githubOrgs (GITHUB_ORGS) ',,,' names no organization");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Path dir = java.nio.file.Files.createTempDirectory("embedded-refusal");
            try (StandIns tenant = new StandIns(dir)) {
                Map<String, String> parameters = parameters(tenant);
                String[] parameter = refusal.getKey().split("=", 2);
                parameters.put(parameter[0], parameter[1]);
                CamelContext host = new DefaultCamelContext();
                host.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(kameletUri(parameters)).to("log:summary");
                    }
                });
                Exception e = assertThrows(Exception.class, host::start, refusal.getKey());
                host.stop();
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                assertTrue(root.getMessage().startsWith(refusal.getValue()), refusal.getKey() + ": " + root.getMessage());
            }
        }
    }

    @Test
    void an_end_day_not_over_yet_is_one_warning_naming_the_parameter(@TempDir Path dir) throws Exception {
        java.time.LocalDate future = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
        try (StandIns tenant = new StandIns(dir); io.copilotportsync.support.LogCapture logs = new io.copilotportsync.support.LogCapture("INFO")) {
            Map<String, String> parameters = parameters(tenant);
            parameters.put("endDay", future.toString());
            // fires in 2099: the instance starts, and no run gets in the way of the start-up lines
            parameters.put("schedule", "0 0 3 1 1 ? 2099");
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(kameletUri(parameters)).to("log:summary");
                }
            });
            host.start();
            host.stop();
            assertEquals(1, logs.lines().stream().filter(l -> l.contains("parameter endDay (SYNC_END_DAY) " + future + " is not over yet"))
                    .count(), logs.lines().toString());
        }
    }

    @Test
    void two_instances_on_one_data_dir_are_refused_with_the_parameter_named(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    Map<String, String> seatsOnly = parameters(tenant);
                    seatsOnly.put("kinds", "copilot-seats");
                    from(kameletUri(parameters(tenant))).to("log:every-kind");
                    from(kameletUri(seatsOnly)).to("log:seats");
                }
            });
            Exception e = assertThrows(Exception.class, host::start);
            host.stop();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().startsWith("parameter dataDir (DATA_DIR) " + dir.resolve("state") + " is in use by pid "
                    + ProcessHandle.current().pid() + " on host "), root.getMessage());
            assertTrue(root.getMessage().contains("(this process: another sync instance)"), root.getMessage());
        }
    }

    /** The parameters of one instance, pointed at one tenant's stand-ins, on a schedule that fires at once. */
    private static Map<String, String> parameters(StandIns tenant) {
        return tenant.instanceParameters(EVERY_SECOND);
    }

    private static String kameletUri(Map<String, String> parameters) {
        return "kamelet:copilot-port-sync-source?" + parameters.entrySet().stream()
                .map(p -> p.getKey() + "=RAW(" + p.getValue() + ")").collect(Collectors.joining("&"));
    }

    private static String templatedRoute(String routeId, Map<String, String> parameters) {
        StringBuilder yaml = new StringBuilder("""
                - templatedRoute:
                    routeTemplateRef: copilot-port-sync
                    routeId: %s
                    parameters:
                """.formatted(routeId));
        parameters.forEach((name, value) -> yaml.append("      - { name: ").append(name).append(", value: \"").append(value)
                .append("\" }\n"));
        return yaml.toString();
    }

    /** The host's own logging as it stands, without this project's redacting formatter. */
    private static final class RawLog extends Handler implements AutoCloseable {
        private final StringBuffer text = new StringBuffer();
        private final SimpleFormatter format = new SimpleFormatter();

        RawLog() {
            setLevel(Level.ALL);
            Logger.getLogger("").addHandler(this);
        }

        String text() {
            return text.toString();
        }

        @Override
        public void publish(LogRecord record) {
            text.append(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    /** Collects every CamelContext created from now on (the host's and each instance's own) until closed. */
    static CamelContextTracker tracking(List<CamelContext> contexts) {
        CamelContextTracker tracker = new CamelContextTracker() {
            @Override
            public void contextCreated(CamelContext context) {
                contexts.add(context);
            }
        };
        tracker.open();
        return tracker;
    }
}
