package io.copilotportsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port's calls at a run's start (the access token, the blueprints) are retried like every Port call. */
class PortStartUpRetryTest {
    private static final String TOKEN = "/v1/auth/access_token";

    @Test
    void a_503_then_200_on_the_token_call_does_not_fail_the_run(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject(TOKEN, 1, 503, Map.of(), "{\"ok\":false}");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(2, standIns.port.requests().stream().filter(r -> r.path().equals(TOKEN)).count(), "the 503, then the token");
            assertTrue(standIns.port.holdings().get("githubCopilotSeat").size() > 0, "the run went on to sync");
        }
    }

    @Test
    void a_429_and_a_dropped_connection_on_the_token_call_are_waited_out(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject(TOKEN, 1, 429, Map.of("Retry-After", "1"), "{\"ok\":false}");
            Faults.of(standIns.port).inject(TOKEN, 1, 0, Map.of(), "");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(3, standIns.port.requests().stream().filter(r -> r.path().equals(TOKEN)).count());
        }
    }

    @Test
    void a_503_on_the_blueprint_check_and_on_its_creation_does_not_fail_the_run(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject("/v1/blueprints/githubCopilotSeat", 1, 503, Map.of(), "{\"ok\":false}");
            Faults.of(standIns.port).inject("/v1/blueprints", 1, 503, Map.of("Retry-After", "1"), "{\"ok\":false}");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(2, standIns.port.faultsGiven(), "both faults were met");
            assertTrue(standIns.port.holdings().get("githubCopilotSeat").size() > 0);
        }
    }

    @Test
    void a_token_call_asked_to_wait_a_day_fails_the_run_at_once_with_the_wait_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject(TOKEN, 100, 503, Map.of("Retry-After", "86400"), "{\"ok\":false}");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("run failed: Port asked to wait 86400 s before retrying POST " + TOKEN
                    + "; more than RETRY_MAX_WAIT (5 s): giving up on this call"), run.out());
        }
    }
}
