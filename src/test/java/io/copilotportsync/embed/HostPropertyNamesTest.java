package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.support.HostRoutes;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's own properties may have the parameters' names (dataDir, kinds, schedule): they change nothing an
 * instance is not given, and a parameter given as the application's property of its own name ({@code {{dataDir}}})
 * takes that property, where Camel alone would resolve it to the parameter itself (a circular reference, or with
 * {@code {{?dataDir:...}}} a start that never ends).
 */
class HostPropertyNamesTest {

    @Test
    void a_parameter_given_as_the_hosts_property_of_its_name_takes_it_and_the_hosts_other_properties_change_nothing(
            @TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            Path hostData = dir.resolve("host-data");
            Map<String, String> host = Map.of("dataDir", hostData.toString(),
                    // a kind of the mapping: had it reached the instance, only that kind would be synced
                    "kinds", "organization-usage-metrics", "schedule", "0 0 0 1 1 ? 2099");
            Map<String, String> parameters = tenant.instanceParameters("* * * * * ?");
            parameters.put("dataDir", "{{dataDir}}");
            BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
            CamelContext context = host(host, parameters, summaries);
            try {
                String summary = summaries.poll(60, TimeUnit.SECONDS);
                assertNotNull(summary, "no summary within 60 s");
                assertTrue(summary.contains("Result: every kind succeeded"), summary);
            } finally {
                context.stop();
            }
            assertTrue(Files.isDirectory(hostData.resolve("state")), "the state is in the application's dataDir");
            assertFalse(Files.exists(dir.resolve("tenant/state")), "and not in the one the parameters would have had");
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), tenant.port.holdings(), "every kind, not the host's kinds");
        }
    }

    @Test
    void an_optional_reference_with_a_default_starts_with_the_default(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            Path fallback = dir.resolve("fallback");
            Map<String, String> parameters = tenant.instanceParameters("* * * * * ?");
            parameters.put("dataDir", "{{?dataDir:" + fallback + "}}");
            BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
            CamelContext context = host(Map.of(), parameters, summaries);
            try {
                assertNotNull(summaries.poll(60, TimeUnit.SECONDS), "no summary within 60 s");
            } finally {
                context.stop();
            }
            assertTrue(Files.isDirectory(fallback.resolve("state")), "the reference's default");
        }
    }

    @Test
    void a_reference_to_a_property_the_host_does_not_have_stops_the_start_naming_the_parameter(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            Map<String, String> parameters = tenant.instanceParameters("* * * * * ?");
            parameters.put("dataDir", "{{dataDir}}");
            Exception e = assertThrows(Exception.class, () -> host(Map.of(), parameters, new LinkedBlockingQueue<>()).stop());
            Throwable cause = e;
            while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof ConfigurationException, String.valueOf(e));
            assertTrue(cause.getMessage().startsWith("parameter dataDir of the route template copilot-port-sync (route copilot-usage)"
                    + " is {{dataDir}}, and the application has no property dataDir"), cause.getMessage());
        }
    }

    /** A plain application with {@code properties} of its own and the route template made into its route. */
    private static CamelContext host(Map<String, String> properties, Map<String, String> parameters, BlockingQueue<String> summaries)
            throws Exception {
        CamelContext host = new DefaultCamelContext();
        properties.forEach(host.getPropertiesComponent()::addInitialProperty);
        host.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summaries").routeId("summaries").process(e -> summaries.add(e.getMessage().getBody(String.class)));
            }
        });
        HostRoutes.addTemplatedRoute(host, "copilot-usage", parameters);
        host.start();
        return host;
    }
}
