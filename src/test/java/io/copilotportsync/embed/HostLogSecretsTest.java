package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.GitHubAppHost;
import io.copilotportsync.support.GitHubAppKeys;
import io.copilotportsync.support.StandIns;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain camel-main application (its own process, its own properties file, Camel's own logging at INFO) configures
 * the Kamelet and the route template from properties, with secrets given literally, as placeholders of its own and
 * from its environment; its whole log, start-up summaries and route dump included, shows none of them.
 */
class HostLogSecretsTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    @Test
    void a_camel_main_host_logs_no_secret_of_the_kamelet_or_the_template_however_it_gives_them(@TempDir Path dir) throws Exception {
        GitHubAppKeys keys = GitHubAppKeys.generate();
        try (StandIns tenantA = new StandIns(dir.resolve("tenant-a")); StandIns tenantB = new StandIns(dir.resolve("tenant-b"))) {
            GitHubAppHost app = GitHubAppHost.installOn(tenantB.github, GitHubAppKeys.APP_ID, keys.publicKey());
            String pem = keys.pkcs1Pem();
            String proxyPassword = "proxy-pw-" + java.util.UUID.randomUUID();
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("TENANT_A_PORT_SECRET", tenantA.clientSecret);
            environment.put("TENANT_B_PORT_SECRET", tenantB.clientSecret);
            environment.put("TENANT_B_APP_KEY", pem);

            List<String> properties = new ArrayList<>();
            properties.add("camel.main.name = host");
            properties.add("camel.main.routes-include-pattern = file:" + dir.resolve("host.camel.yaml")
                    + ",classpath:copilot-port-sync/templates.camel.yaml");
            properties.add("camel.main.dump-routes = yaml");
            properties.add("camel.main.dump-routes-include = all");
            // the host's own keys for its secrets
            properties.add("tenant-b.github-token = " + tenantB.env.get("GITHUB_TOKEN"));
            properties.add("tenant-b.https-proxy = http://sync:" + proxyPassword + "@127.0.0.1:9");
            // tenant A: the Kamelet, its token literal, its Port secret from the environment
            String kamelet = "camel.kamelet.copilot-port-sync-source.";
            instance(tenantA).forEach((name, value) -> properties.add(kamelet + name + " = " + value));
            properties.add(kamelet + "portClientSecret = {{env:TENANT_A_PORT_SECRET}}");
            // tenant B: the template, a GitHub App whose key is in the environment, the token as a host placeholder
            // camel-main takes the route's id from the brackets
            String template = "camel.route-template[copilot-usage-b].";
            properties.add(template + "template-id = copilot-port-sync");
            instance(tenantB).forEach((name, value) -> properties.add(template + name + " = " + value));
            properties.add(template + "githubToken = {{tenant-b.github-token}}");
            properties.add(template + "portClientSecret = {{env:TENANT_B_PORT_SECRET}}");
            properties.add(template + "githubAppId = " + GitHubAppKeys.APP_ID);
            properties.add(template + "githubAppPrivateKey = {{env:TENANT_B_APP_KEY}}");
            properties.add(template + "summaryUri = direct:summary-b");
            // a third instance that never fires: a literal private key and a proxy with a password
            String idle = "camel.route-template[copilot-usage-idle].";
            properties.add(idle + "template-id = copilot-port-sync");
            Map<String, String> idleInstance = instance(tenantB);
            idleInstance.put("dataDir", dir.resolve("idle").toString());
            idleInstance.put("schedule", "0 0 3 1 1 ? 2099");
            idleInstance.forEach((name, value) -> properties.add(idle + name + " = " + value));
            properties.add(idle + "githubAppId = " + GitHubAppKeys.APP_ID);
            properties.add(idle + "githubAppPrivateKey = " + pem.replace("\n", "\\n"));
            properties.add(idle + "httpsProxy = {{tenant-b.https-proxy}}");
            properties.add(idle + "noProxy = 127.0.0.1,localhost");
            properties.add(idle + "portClientSecret = " + tenantB.clientSecret);
            Path file = Files.write(dir.resolve("application.properties"), properties);
            Files.writeString(dir.resolve("host.camel.yaml"), """
                    - route:
                        id: copilot-usage-a
                        from:
                          uri: kamelet:copilot-port-sync-source
                          steps:
                            - log: "summary from A, succeeded ${header.CopilotSyncSucceeded}"
                    - route:
                        id: copilot-summaries-b
                        from:
                          uri: direct:summary-b
                          steps:
                            - log: "summary from B, succeeded ${header.CopilotSyncSucceeded}"
                    """);

            String log = runUntil(file, environment, List.of("summary from A, succeeded true", "summary from B, succeeded true"));

            assertTrue(log.contains("Property-placeholders summary"), "the host printed its start-up summary:\n" + log);
            assertTrue(log.contains("copilot-usage-idle"), "the host dumped its routes:\n" + log);
            assertEquals(1, app.tokensIssued("octo-org"), "tenant B signed in with the App");
            List<String> secrets = new ArrayList<>(List.of(tenantA.env.get("GITHUB_TOKEN"), tenantA.clientSecret,
                    tenantB.env.get("GITHUB_TOKEN"), tenantB.clientSecret, proxyPassword));
            secrets.addAll(GitHubAppKeys.bodyLines(pem));
            secrets.addAll(app.secretsSeen());
            for (String secret : secrets) {
                int at = log.indexOf(secret);
                assertFalse(at >= 0, "a secret reached the host's log: ..." + (at < 0 ? "" : log.substring(Math.max(0, at - 300), at)));
            }
        }
    }

    /** One instance's parameters but its secrets, pointed at a tenant's stand-ins, on a schedule that fires at once. */
    private static Map<String, String> instance(StandIns tenant) {
        Map<String, String> p = tenant.instanceParameters(EVERY_SECOND);
        p.remove("portClientSecret"); // given by each test in its own form (literal, placeholder, env)
        return p;
    }

    /** Starts the host, waits for every marker line, stops it with SIGTERM and returns everything it printed. */
    private static String runUntil(Path properties, Map<String, String> environment, List<String> markers) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlainCamelMainHost.class.getName(), properties.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process host = builder.start();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                log.append("(reading the host's output failed: ").append(e.getMessage()).append(")\n");
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!markers.stream().allMatch(m -> log.indexOf(m) >= 0) && host.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(markers.stream().allMatch(m -> log.indexOf(m) >= 0), "the host did not sync both instances:\n" + log);
        } finally {
            host.destroy();
            if (!host.waitFor(60, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
            reader.join(10_000);
        }
        return log.toString();
    }
}
