package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's embedding section, run as written: its YAML {@code templatedRoute}, its Java template builder, its Kamelet
 * route and its summary route are taken from README.md itself, compiled (Java) or loaded (YAML) into a plain host
 * context, and sync into the stand-ins. The only changes are the stand-ins' values for the credentials, organization
 * and directory the snippets name, and the stand-ins' addresses and two kinds added (a real host talks to GitHub and
 * Port at their default addresses). A README edit that breaks a snippet breaks this test.
 */
class ReadmeEmbeddingSnippetsTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    private static List<String[]> snippets() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Embedding in your Camel application");
        int end = readme.indexOf("\n## ", start + 10);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String[]> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        return blocks;
    }

    private static String snippet(String language, String containing) throws Exception {
        return snippets().stream().filter(b -> b[0].equals(language) && b[1].contains(containing)).map(b -> b[1])
                .findFirst().orElseThrow(() -> new AssertionError("README's embedding section has no " + language + " snippet with " + containing));
    }

    /** What the stand-ins need beyond what a snippet says: their addresses, a schedule that fires now, two kinds. */
    private static Map<String, String> additions(StandIns tenant) {
        Map<String, String> p = new java.util.LinkedHashMap<>(tenant.instanceParameters(EVERY_SECOND));
        p.keySet().retainAll(List.of("schedule", "githubApiUrl", "githubReportHosts", "portApiUrl", "startDay", "endDay"));
        p.put("kinds", "copilot-seats,copilot-billing");
        return p;
    }

    private static String pointedAt(String snippet, StandIns tenant) {
        return snippet.replace("{{env:GITHUB_TOKEN}}", tenant.env.get("GITHUB_TOKEN"))
                .replace("{{env:PORT_CLIENT_ID}}", tenant.env.get("PORT_CLIENT_ID"))
                .replace("{{env:PORT_CLIENT_SECRET}}", tenant.env.get("PORT_CLIENT_SECRET"))
                .replace("my-org,other-org", String.join(",", StandIns.ORGS))
                .replace("\"my-org\"", "\"" + StandIns.ORGS.get(0) + "\"")
                .replace("githubOrgs=my-org", "githubOrgs=" + StandIns.ORGS.get(0))
                .replace("/var/lib/copilot-port-sync", tenant.env.get("DATA_DIR"));
    }

    /** Compiles one class from source against the test's classpath and loads it. */
    private static Class<?> compile(Path dir, String className, String source) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "README's snippet does not compile:\n" + source + "\n" + errors);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeEmbeddingSnippetsTest.class.getClassLoader()).loadClass(className);
    }

    private static long organizationSeats(StandIns tenant) {
        return StandIns.ORGS.stream().mapToLong(org -> tenant.data.seats(org).size()).sum();
    }

    /** Waits until the stand-in Port holds the seats and billing of the organizations synced. */
    private static void awaitSynced(StandIns tenant, int organizations) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> held = tenant.port.holdings();
            if (held.getOrDefault("githubCopilotBilling", Map.of()).size() >= organizations
                    && held.getOrDefault("githubCopilotSeat", Map.of()).size() > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no sync within 90 s; Port holds " + tenant.port.holdings().keySet());
    }

    @Test
    void the_yaml_templated_route_and_the_summary_route_sync_as_written(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant")); LogCapture log = new LogCapture("INFO")) {
            StringBuilder extra = new StringBuilder();
            additions(tenant).forEach((k, v) -> extra.append("      - { name: ").append(k).append(", value: \"").append(v).append("\" }\n"));
            String yaml = pointedAt(snippet("yaml", "templatedRoute"), tenant).replace("    parameters:\n", "    parameters:\n" + extra);
            String summaryRoute = snippet("java", "RunSummary summary");
            Class<?> routes = compile(Files.createDirectories(dir.resolve("classes")), "ReadmeSummaryRoute", """
                    import io.copilotportsync.embed.EmbeddedSync;
                    import io.copilotportsync.embed.RunSummary;
                    public class ReadmeSummaryRoute extends org.apache.camel.builder.RouteBuilder {
                        @Override
                        public void configure() {
                    %s
                        }
                    }
                    """.formatted(summaryRoute));
            CamelContext host = new DefaultCamelContext();
            host.addRoutes((RoutesBuilder) routes.getDeclaredConstructor().newInstance());
            PluginHelper.getRoutesLoader(host).loadRoutes(ResourceHelper.fromString("readme.camel.yaml", yaml));
            host.start();
            try {
                awaitSynced(tenant, StandIns.ORGS.size());
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (log.lines().stream().noneMatch(l -> l.contains("seats upserted")) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                for (String org : StandIns.ORGS) {
                    // the README route's own line, with the organization's seats counted from the stand-in's data
                    String expected = org + ": " + tenant.data.seats(org).size() + " seats upserted, 0 failed";
                    assertTrue(log.lines().stream().anyMatch(l -> l.contains(expected)), expected + " in " + log.lines());
                }
            } finally {
                host.stop();
            }
        }
    }

    @Test
    void the_java_template_builder_syncs_as_written(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            StringBuilder extra = new StringBuilder();
            additions(tenant).forEach((k, v) -> extra.append(".parameter(\"").append(k).append("\", \"").append(v).append("\")"));
            String builder = pointedAt(snippet("java", "TemplatedRouteBuilder.builder"), tenant).replace(".add();", extra + ".add();");
            Class<?> adds = compile(Files.createDirectories(dir.resolve("classes")), "ReadmeTemplate", """
                    import org.apache.camel.CamelContext;
                    import org.apache.camel.builder.TemplatedRouteBuilder;
                    public class ReadmeTemplate {
                        public static void add(CamelContext context, String githubToken, String portClientId, String portClientSecret) {
                    %s
                        }
                    }
                    """.formatted(builder));
            CamelContext host = new DefaultCamelContext();
            adds.getMethod("add", CamelContext.class, String.class, String.class, String.class)
                    .invoke(null, host, tenant.env.get("GITHUB_TOKEN"), tenant.env.get("PORT_CLIENT_ID"), tenant.env.get("PORT_CLIENT_SECRET"));
            host.start();
            try {
                awaitSynced(tenant, 1);
                assertEquals(1, tenant.port.holdings().get("githubCopilotBilling").size(), "the one organization the snippet names");
            } finally {
                host.stop();
            }
        }
    }

    @Test
    void the_kamelet_route_syncs_as_written_and_alerts_only_on_failure(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir.resolve("tenant"))) {
            StringBuilder extra = new StringBuilder();
            additions(tenant).forEach((k, v) -> extra.append(k).append("=RAW(").append(v).append(")&"));
            String route = pointedAt(snippet("java", "kamelet:copilot-port-sync-source?"), tenant)
                    .replace("kamelet:copilot-port-sync-source?", "kamelet:copilot-port-sync-source?" + extra);
            Class<?> routes = compile(Files.createDirectories(dir.resolve("classes")), "ReadmeKameletRoute", """
                    public class ReadmeKameletRoute extends org.apache.camel.builder.RouteBuilder {
                        public static final java.util.List<Object> ALERTS = new java.util.concurrent.CopyOnWriteArrayList<>();
                        private final String githubToken;
                        private final String portClientId;
                        private final String portClientSecret;
                        public ReadmeKameletRoute(String githubToken, String portClientId, String portClientSecret) {
                            this.githubToken = githubToken;
                            this.portClientId = portClientId;
                            this.portClientSecret = portClientSecret;
                        }
                        @Override
                        public void configure() {
                            from("direct:alert").process(e -> ALERTS.add(e.getMessage().getBody()));
                    %s
                        }
                    }
                    """.formatted(route));
            CamelContext host = new DefaultCamelContext();
            host.addRoutes((RoutesBuilder) routes.getConstructor(String.class, String.class, String.class)
                    .newInstance(tenant.env.get("GITHUB_TOKEN"), tenant.env.get("PORT_CLIENT_ID"), tenant.env.get("PORT_CLIENT_SECRET")));
            host.start();
            try {
                awaitSynced(tenant, 1);
                Thread.sleep(1_000); // the summary follows the last acknowledgement
                assertEquals(List.of(), routes.getField("ALERTS").get(null), "a run that succeeded is no alert");
                assertTrue(tenant.port.holdings().get("githubCopilotSeat").size() >= tenant.data.seats(StandIns.ORGS.get(0)).size());
            } finally {
                host.stop();
            }
        }
    }
}
