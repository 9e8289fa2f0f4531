package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.sandbox.GitHubAppHost;
import io.copilotportsync.support.GitHubAppKeys;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelContextTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a service user sets with a variable, an embedded user sets with the parameter of the same meaning. */
class EmbeddedSettingsTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    private static EmbeddedSync instance(Path dir) {
        EmbeddedSync sync = new EmbeddedSync();
        sync.setGithubToken("ghp_test");
        sync.setPortClientId("id");
        sync.setPortClientSecret("secret");
        sync.setDataDir(dir.toString());
        return sync;
    }

    @Test
    void each_parameter_of_the_service_options_reaches_the_settings_of_its_variable(@TempDir Path dir) {
        EmbeddedSync sync = instance(dir);
        sync.setPortConcurrency("3");
        sync.setShutdownTimeout("7");
        sync.setRecordWorkers("5");
        sync.setGithubReportLineLimitMb("64");
        sync.setRetryMaxWait("90s");
        sync.setGithubFailuresBeforeSkip("4");
        sync.setGithubApiVersion("2022-11-28");
        sync.setDatabaseUrl("jdbc:postgresql://db.internal:5432/sync");
        sync.setDatabaseUser("sync");
        sync.setDatabasePassword("db-secret");
        SyncSettings settings = sync.settings();
        assertEquals(3, settings.portConcurrency());
        assertEquals(7, settings.shutdownTimeoutSeconds());
        assertEquals(5, settings.recordWorkers());
        assertEquals(64, settings.reportLineLimitMb());
        assertEquals(Duration.ofSeconds(90), settings.retry().maxWait());
        assertEquals(4, settings.retry().failuresBeforeSkip());
        assertEquals("2022-11-28", settings.githubApiVersion());
        assertTrue(settings.clustered());
        assertEquals("jdbc:postgresql://db.internal:5432/sync", settings.databaseUrl());
        assertEquals("sync", settings.databaseUser());
        assertEquals("db-secret", settings.databasePassword());
    }

    @Test
    void a_parameter_out_of_range_is_refused_with_its_name() {
        Map<String, String> refusals = Map.of(
                "portConcurrency", "parameter portConcurrency (PORT_CONCURRENCY) must be a whole number from 1 to 256",
                "shutdownTimeout", "parameter shutdownTimeout (SHUTDOWN_TIMEOUT) must be a whole number from 1 to 3600",
                "githubFailuresBeforeSkip", "parameter githubFailuresBeforeSkip (GITHUB_FAILURES_BEFORE_SKIP) must be a whole number from 1 to 1000");
        refusals.forEach((parameter, message) -> {
            EmbeddedSync sync = instance(Path.of("unused"));
            switch (parameter) {
                case "portConcurrency" -> sync.setPortConcurrency("0");
                case "shutdownTimeout" -> sync.setShutdownTimeout("0");
                default -> sync.setGithubFailuresBeforeSkip("0");
            }
            ConfigurationException e = assertThrows(ConfigurationException.class, sync::settings, parameter);
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        });
        EmbeddedSync both = instance(Path.of("unused"));
        both.setGithubAppId(Long.toString(GitHubAppKeys.APP_ID));
        both.setGithubAppPrivateKey("-----BEGIN RSA PRIVATE KEY-----");
        both.setGithubAppPrivateKeyFile("/etc/app.pem");
        assertEquals("parameter githubAppPrivateKey (GITHUB_APP_PRIVATE_KEY) and parameter githubAppPrivateKeyFile"
                + " (GITHUB_APP_PRIVATE_KEY_FILE) are both set: keep one", assertThrows(ConfigurationException.class, both::settings).getMessage());
    }

    @Test
    void the_kamelet_defaults_are_the_defaults_of_the_jar(@TempDir Path dir) throws Exception {
        EmbeddedSync sync = instance(dir);
        EmbeddingContractTest.kameletDefaults().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                try {
                    EmbeddedSync.class.getMethod("set" + Character.toUpperCase(name.charAt(0)) + name.substring(1), String.class)
                            .invoke(sync, value);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(name, e);
                }
            }
        });
        SyncSettings embedded = sync.settings();
        SyncSettings jar = SyncSettings.from(Map.of("GITHUB_TOKEN", "ghp_test", "PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "secret")::get, true);
        for (Function<SyncSettings, Object> field : List.<Function<SyncSettings, Object>>of(SyncSettings::portConcurrency,
                SyncSettings::shutdownTimeoutSeconds, SyncSettings::recordWorkers, SyncSettings::reportLineLimitMb, SyncSettings::retry,
                SyncSettings::githubApiVersion, SyncSettings::githubApiUrl, SyncSettings::portApiUrl, SyncSettings::syncCron,
                SyncSettings::databaseUrl, SyncSettings::clustered)) {
            assertEquals(field.apply(jar), field.apply(embedded));
        }
    }

    @Test
    void an_instance_with_port_concurrency_1_sends_one_batch_at_a_time_and_stops_within_its_shutdown_timeout(@TempDir Path dir)
            throws Exception {
        List<CamelContext> contexts = new CopyOnWriteArrayList<>();
        CamelContextTracker tracker = EmbeddedSyncTest.tracking(contexts);
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = tenant.instanceParameters(EVERY_SECOND);
            parameters.put("portConcurrency", "1");
            parameters.put("shutdownTimeout", "7");
            Exchange summary = firstSummary(parameters);
            assertEquals(Boolean.TRUE, summary.getMessage().getHeader(EmbeddedSync.SUCCEEDED), summary.getMessage().getBody(String.class));
            assertEquals(1, tenant.port.maxInFlight(), "one bulk request in flight at a time");
            CamelContext inner = contexts.stream().filter(c -> c.getName().startsWith("copilot-port-sync-")).findFirst().orElseThrow();
            assertEquals(7, inner.getShutdownStrategy().getTimeout());
        } finally {
            tracker.close();
        }
    }

    @Test
    void a_github_app_with_its_private_key_file_syncs_each_organization_with_its_installation_token(@TempDir Path dir) throws Exception {
        GitHubAppKeys keys = GitHubAppKeys.generate();
        try (StandIns tenant = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(tenant.github, GitHubAppKeys.APP_ID, keys.publicKey());
            Map<String, String> parameters = tenant.instanceParameters(EVERY_SECOND);
            parameters.remove("githubToken");
            parameters.remove("githubEnterprise");
            parameters.put("kinds", "copilot-seats,copilot-billing");
            parameters.put("githubAppId", Long.toString(GitHubAppKeys.APP_ID));
            Path pem = keys.pkcs1File(Files.createDirectories(dir.resolve("keys")));
            parameters.put("githubAppPrivateKeyFile", pem.toString());
            Exchange summary = firstSummary(parameters);
            assertEquals(Boolean.TRUE, summary.getMessage().getHeader(EmbeddedSync.SUCCEEDED), summary.getMessage().getBody(String.class));
            for (String org : StandIns.ORGS) {
                assertEquals(1, app.tokensIssued(org), "one installation token for " + org);
            }
            assertEquals(StandIns.ORGS.size(), tenant.port.holdings().get("githubCopilotBilling").size());
            long seats = StandIns.ORGS.stream().mapToLong(org -> tenant.data.seats(org).size()).sum();
            assertEquals(seats, tenant.port.holdings().get("githubCopilotSeat").size(), "organization seats only");
            assertFalse(tenant.github.requests().stream().anyMatch(r -> r.path().startsWith("/enterprises/")));
        }
    }

    /** Starts a host with one Kamelet route of these parameters and answers the first summary it receives. */
    static Exchange firstSummary(Map<String, String> parameters) throws Exception {
        BlockingQueue<Exchange> summaries = new LinkedBlockingQueue<>();
        CamelContext host = new DefaultCamelContext();
        host.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:copilot-port-sync-source?" + parameters.entrySet().stream()
                        .map(p -> p.getKey() + "=RAW(" + p.getValue() + ")").collect(Collectors.joining("&")))
                        .process(e -> summaries.add(e.copy()));
            }
        });
        host.start();
        try {
            Exchange summary = summaries.poll(60, TimeUnit.SECONDS);
            assertNotNull(summary, "no summary within 60 s");
            return summary;
        } finally {
            host.stop();
        }
    }
}
