package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP client retries nothing on its own: HttpClient 5 would sleep a 503's Retry-After and send again before
 * our policy sees the answer. Each attempt our policy makes is one request at the server, no more.
 */
class ClientRetriesOffTest {
    private static final RetryTimings THREE_ATTEMPTS = new RetryTimings(3, Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final String BILLING = "/orgs/acme-eng/copilot/billing";
    private static final String BULK = "/v1/blueprints/[^/]+/entities/bulk";

    @Test
    void a_github_503_with_retry_after_reaches_the_server_once_per_attempt(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github).inject(BILLING, 100, 503, Map.of("Retry-After", "1"), "{\"message\":\"Service Unavailable\"}");
            standIns.runOnce(THREE_ATTEMPTS);
            long requests = standIns.github.requests().stream().filter(r -> r.path().equals(BILLING)).count();
            assertEquals(THREE_ATTEMPTS.maxAttempts(), requests, "one request per attempt, none of the client's own");
        }
    }

    @Test
    void a_port_503_with_retry_after_is_seen_and_retried_by_our_policy(@TempDir Path dir) throws Exception {
        List<String> lines;
        try (StandIns standIns = new StandIns(dir); LogCapture logs = new LogCapture("INFO")) {
            Faults.of(standIns.port).inject(BULK, 1, 503, Map.of("Retry-After", "1"), "{\"ok\":false}");
            StandIns.Run run = standIns.runOnce(THREE_ATTEMPTS);
            assertEquals(0, run.exitCode(), run.out());
            lines = logs.lines();
        }
        assertEquals(1, lines.stream().filter(l -> l.contains("Port answered 503")).count(),
                "our policy saw the 503 (the client did not retry it out of sight): " + lines);
    }
}
