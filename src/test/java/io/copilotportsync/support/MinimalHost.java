package io.copilotportsync.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel application as README's Embedding section has it, started in a JVM of its own by LibraryJarIT on only the
 * jars a host receives: a Kamelet route and a templatedRoute (its summary to the default log endpoint), each
 * syncing into its own Port stand-in. Prints "host synced" and exits 0 when both Ports hold what a --once run of the
 * command line leaves; else prints why and exits 1.
 */
public final class MinimalHost {
    private MinimalHost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("minimal-host");
        Map<String, Map<String, ObjectNode>> expected = StandIns.cleanRunHoldings(dir.resolve("reference"));
        try (StandIns kameletTenant = new StandIns(dir.resolve("kamelet")); StandIns templateTenant = new StandIns(dir.resolve("template"))) {
            BlockingQueue<Exchange> summaries = new LinkedBlockingQueue<>();
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kamelet:copilot-port-sync-source?" + parameters(kameletTenant)).routeId("copilot-usage-a")
                            .process(e -> summaries.add(e.copy()));
                }
            });
            StringBuilder yaml = new StringBuilder("""
                    - templatedRoute:
                        routeTemplateRef: copilot-port-sync
                        routeId: copilot-usage-b
                        parameters:
                          - { name: location, value: "classpath:copilot-port-sync/templates.camel.yaml" }
                    """);
            settings(templateTenant).forEach((k, v) -> yaml.append("      - { name: ").append(k).append(", value: \"").append(v).append("\" }\n"));
            PluginHelper.getRoutesLoader(host).loadRoutes(ResourceHelper.fromString("host.camel.yaml", yaml.toString()));
            host.start();
            try {
                Exchange summary = summaries.poll(90, TimeUnit.SECONDS);
                if (summary == null || !summary.getMessage().getBody(String.class).contains("Result: every kind succeeded")) {
                    System.out.println("the Kamelet's run did not succeed: " + (summary == null ? "no summary in 90 s" : summary.getMessage().getBody()));
                    System.exit(1);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!templateTenant.port.holdings().equals(expected) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                if (!kameletTenant.port.holdings().equals(expected) || !templateTenant.port.holdings().equals(expected)) {
                    System.out.println("a Port stand-in holds other entities than the command line's run left");
                    System.exit(1);
                }
                System.out.println("host synced");
            } finally {
                host.stop();
            }
        }
        System.exit(0);
    }

    private static Map<String, String> settings(StandIns tenant) {
        return tenant.instanceParameters("* * * * * ?");
    }

    private static String parameters(StandIns tenant) {
        return settings(tenant).entrySet().stream().map(p -> p.getKey() + "=RAW(" + p.getValue() + ")").collect(Collectors.joining("&"));
    }
}
