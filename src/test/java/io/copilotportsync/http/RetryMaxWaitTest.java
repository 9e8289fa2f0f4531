package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wait GitHub or Port asks for beyond RETRY_MAX_WAIT fails the call at once, in one line naming the wait, the call,
 * the cap and the variable; the run goes on and ends promptly, not a day later.
 */
class RetryMaxWaitTest {
    private static final String DAY = "86400";
    private static final String BILLING = "/orgs/acme-eng/copilot/billing";
    private static final String SEATS_BULK = "/v1/blueprints/githubCopilotSeat/entities/bulk";

    @Test
    void a_github_retry_after_of_a_day_fails_the_call_promptly_with_the_wait_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("RETRY_MAX_WAIT", "2m");
            Faults.of(standIns.github).inject(BILLING, 100, 429, Map.of("Retry-After", DAY), "{\"message\":\"You have exceeded a secondary rate limit\"}");
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("--once");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String output = run.out() + run.err();
            assertEquals(1, run.exitCode(), output);
            assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "the run ended in " + took);
            assertTrue(output.contains("GitHub asked to wait 86400 s before retrying GET " + BILLING
                    + "; more than RETRY_MAX_WAIT (120 s): giving up on this call"), output);
            assertEquals(1, standIns.github.requests().stream().filter(r -> r.path().equals(BILLING)).count(), "asked once, not again");
            assertTrue(standIns.port.holdings().get("githubCopilotBilling").containsKey("octo-org"), "the other scopes went on");
        }
    }

    @Test
    void a_github_rate_limit_reset_a_day_away_fails_the_call_promptly_with_the_wait_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github).inject(BILLING, 100, 403, Map.of("x-ratelimit-remaining", "0",
                    "x-ratelimit-reset", Long.toString(java.time.Instant.now().getEpochSecond() + 86400)), "{\"message\":\"API rate limit exceeded\"}");
            StandIns.Run run = standIns.run("--once");
            String output = run.out() + run.err();
            assertEquals(1, run.exitCode(), output);
            assertTrue(output.contains("before retrying GET " + BILLING + "; more than RETRY_MAX_WAIT (900 s): giving up on this call")
                    && output.contains("its rate limit is used up until"), output);
        }
    }

    @Test
    void a_port_retry_after_of_a_day_fails_the_call_promptly_with_the_wait_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("RETRY_MAX_WAIT", "90s");
            Faults.of(standIns.port).inject(SEATS_BULK, 1, 503, Map.of("Retry-After", DAY), "{\"ok\":false}");
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("--once");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String output = run.out() + run.err();
            assertEquals(1, run.exitCode(), output);
            assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "the run ended in " + took);
            assertTrue(output.contains("Port asked to wait 86400 s before retrying POST " + SEATS_BULK
                    + "; more than RETRY_MAX_WAIT (90 s): giving up on this call"), output);
        }
    }

    @Test
    void a_retry_max_wait_that_is_no_duration_stops_start_up() {
        Map<String, String> env = StandIns.validSettings();
        env.put("RETRY_MAX_WAIT", "a while");
        String error = StandIns.configurationError(env);
        assertTrue(error.contains("RETRY_MAX_WAIT must be a duration") && error.contains("15m"), error);
    }
}
