package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected through the stand-ins, one at a time and all at once: after each, Port holds exactly what a clean
 * run leaves there, and the run exits 0; a real permission problem is reported once, not retried, and the other
 * scopes go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceTest {
    private static final String USERS_REPORT = "/orgs/octo-org/copilot/metrics/reports/users-1-day";
    private static final String BULK = "/v1/blueprints/[^/]+/entities/bulk";
    private Map<String, Map<String, ObjectNode>> clean;

    @BeforeAll
    void cleanRun(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            clean = standIns.port.holdings();
        }
    }

    private static String reset(int seconds) {
        return Long.toString(Instant.now().getEpochSecond() + seconds);
    }

    /** Runs with the faults the consumer injects; Port must end as after the clean run. */
    private StandIns.Run faulty(Path dir, Consumer<StandIns> faults) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            faults.accept(standIns);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(clean, standIns.port.holdings(), "Port holds what a clean run leaves");
            assertTrue(!java.nio.file.Files.exists(dir.resolve("dead-letter")), "nothing was given up: no dead letter");
            assertTrue(standIns.github.faultsGiven() + standIns.port.faultsGiven() > 0, "the faults were met");
            return run;
        }
    }

    @Test
    void a_429_with_the_rate_limit_used_up_waits_until_the_reset(@TempDir Path dir) throws Exception {
        faulty(dir, s -> Faults.of(s.github).inject(USERS_REPORT, 1, 429, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-limit", "5000",
                "x-ratelimit-reset", reset(1)), "{\"message\":\"API rate limit exceeded\"}"));
    }

    @Test
    void a_403_with_the_rate_limit_used_up_is_a_rate_limit_not_a_permission_problem(@TempDir Path dir) throws Exception {
        faulty(dir, s -> Faults.of(s.github).inject("/orgs/octo-org/copilot/billing/seats", 1, 403, Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", reset(1)), "{\"message\":\"API rate limit exceeded for user ID 1.\"}"));
    }

    @Test
    void retry_after_is_honoured(@TempDir Path dir) throws Exception {
        faulty(dir, s -> Faults.of(s.github).inject("/orgs/acme-eng/copilot/billing", 1, 403, Map.of("retry-after", "1"),
                "{\"message\":\"You have exceeded a secondary rate limit\"}"));
    }

    @Test
    void a_secondary_limit_without_headers_waits_and_backs_off(@TempDir Path dir) throws Exception {
        faulty(dir, s -> Faults.of(s.github).inject("/orgs/octo-org/teams", 2, 403, Map.of(),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"));
    }

    @Test
    void server_errors_and_dropped_connections_are_retried(@TempDir Path dir) throws Exception {
        faulty(dir, s -> {
            Faults.of(s.github).inject("/enterprises/acme-corp/copilot/metrics/reports/enterprise-1-day", 2, 502, Map.of(), "{}");
            Faults.of(s.github).inject("/orgs/acme-eng/copilot/metrics/reports/organization-1-day", 1, 0, Map.of(), "");
        });
    }

    @Test
    void an_expired_or_broken_download_link_gets_a_fresh_manifest_and_is_read_again(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github.downloads()).inject(".*/orgs/octo-org/users-1-day/.*", 1, 403, Map.of(), "<Error><Code>AuthenticationFailed</Code></Error>");
            Faults.of(standIns.github.downloads()).inject(".*/orgs/acme-eng/organization-1-day/.*", 1, 0, Map.of(), "");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(clean, standIns.port.holdings());
            assertEquals(2, standIns.github.downloads().faultsGiven());
        }
    }

    @Test
    void port_refreshes_its_token_once_on_a_401(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject(BULK, 1, 401, Map.of(), "{\"ok\":false,\"error\":\"token_expired\"}");
            assertEquals(0, standIns.runOnce(StandIns.FAST).exitCode());
            assertEquals(clean, standIns.port.holdings());
            assertEquals(2, standIns.port.requests().stream().filter(r -> r.path().equals("/v1/auth/access_token")).count());
        }
    }

    @Test
    void port_429_and_5xx_are_retried_honouring_retry_after(@TempDir Path dir) throws Exception {
        faulty(dir, s -> {
            Faults.of(s.port).inject(BULK, 2, 429, Map.of("Retry-After", "1"), "{\"ok\":false,\"error\":\"rate_limited\"}");
            Faults.of(s.port).inject(BULK, 3, 503, Map.of(), "{\"ok\":false}");
        });
    }

    @Test
    void a_413_splits_the_request_in_halves_until_it_fits(@TempDir Path dir) throws Exception {
        faulty(dir, s -> PortFaults.of(s.port).maxBodyBytes(12_000));
    }

    @Test
    void a_blueprint_deleted_during_the_run_is_created_again_and_the_request_retried(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            PortFaults.of(standIns.port).forgetBlueprintOnce("githubCopilotSeat");
            assertEquals(0, standIns.runOnce(StandIns.FAST).exitCode());
            assertEquals(clean, standIns.port.holdings());
        }
    }

    @Test
    void an_entity_refused_once_in_a_207_is_retried_on_its_own(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            PortFaults.of(standIns.port).refuseOnce("octocat@octo-org");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(clean, standIns.port.holdings());
            assertEquals(1, standIns.port.requests().stream().filter(r -> r.path().equals("/v1/blueprints/githubCopilotSeat/entities")).count());
        }
    }

    @Test
    void a_real_permission_problem_is_reported_once_without_retries_and_other_scopes_go_on(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github).inject("/orgs/octo-org/copilot/billing", 10, 403, Map.of("x-ratelimit-remaining", "4000"),
                    "{\"message\":\"Resource not accessible by personal access token\"}");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(1, run.exitCode(), run.out());
            assertEquals(1, standIns.github.requests().stream().filter(r -> r.path().equals("/orgs/octo-org/copilot/billing")).count(),
                    "no retry storm");
            assertTrue(run.out().contains("failed 1 (copilot-billing, octo-org): GitHub answered 403") && run.out().contains("manage_billing:copilot"),
                    run.out());
            assertTrue(standIns.port.holdings().get("githubCopilotBilling").containsKey("acme-eng"));
            Map<String, Map<String, ObjectNode>> expected = new java.util.TreeMap<>(clean);
            Map<String, ObjectNode> billing = new java.util.TreeMap<>(expected.get("githubCopilotBilling"));
            billing.remove("octo-org");
            expected.put("githubCopilotBilling", billing);
            assertEquals(expected, standIns.port.holdings(), "everything else is synced");
        }
    }

    @Test
    void all_faults_at_once_leave_port_as_a_clean_run_does_and_no_log_line_holds_a_secret(@TempDir Path dir) throws Exception {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        java.util.List<String> lines;
        try (io.copilotportsync.support.LogCapture logs = new io.copilotportsync.support.LogCapture("DEBUG")) {
            faulty(dir, s -> {
                secrets.addAll(java.util.List.of(s.github.token(), s.clientSecret, s.github.signature()));
                allFaults(s);
            });
            lines = logs.lines();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("waiting")), "the faults were logged");
        for (String line : lines) {
            for (String secret : secrets) {
                assertTrue(!line.contains(secret), "secret in: " + line);
            }
            assertTrue(!line.matches("(?s).*Bearer (?!\\[redacted]).*"), "bearer token in: " + line);
        }
    }

    private static void allFaults(StandIns s) {
        {
            Faults.of(s.github).inject(USERS_REPORT, 1, 429, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", reset(1)), "{}");
            Faults.of(s.github).inject("/orgs/octo-org/copilot/billing/seats", 1, 403, Map.of("x-ratelimit-remaining", "0",
                    "x-ratelimit-reset", reset(1)), "{}");
            Faults.of(s.github).inject("/orgs/acme-eng/copilot/billing", 1, 403, Map.of("retry-after", "1"), "{}");
            Faults.of(s.github).inject("/orgs/octo-org/teams", 1, 403, Map.of(), "{\"message\":\"secondary rate limit\"}");
            Faults.of(s.github).inject("/enterprises/acme-corp/copilot/metrics/reports/enterprise-1-day", 2, 500, Map.of(), "{}");
            Faults.of(s.github).inject("/orgs/acme-eng/copilot/metrics/reports/organization-1-day", 1, 0, Map.of(), "");
            Faults.of(s.port).inject(BULK, 1, 401, Map.of(), "{}");
            Faults.of(s.port).inject(BULK, 1, 429, Map.of("Retry-After", "1"), "{}");
            Faults.of(s.port).inject(BULK, 2, 502, Map.of(), "{}");
            PortFaults.of(s.port).maxBodyBytes(12_000);
            PortFaults.of(s.port).forgetBlueprintOnce("githubCopilotSeat");
            PortFaults.of(s.port).refuseOnce("octocat@octo-org");
            Faults.of(s.github.downloads()).inject(".*/enterprises/acme-corp/users-1-day/.*", 1, 403, Map.of(), "<Error/>");
        }
    }
}
