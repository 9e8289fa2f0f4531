package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that its answer says to try again goes again after the wait the answer asks for (Camel's redelivery, route
 * configuration call-retries), for GitHub and for Port alike; and a failure of another kind, met later by the same
 * exchange, is neither tried again nor lost: it fails its job, once.
 */
class CallRetriesTest {
    private static final long RETRY_AFTER_MS = 1_000;

    /** Answers the first {@code refusals} requests whose path matches with the status and Retry-After; records when each came. */
    private static final class Refusals implements StandInServer.Interceptor {
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final String pathRegex;
        private final int status;
        private int refusals;

        Refusals(String pathRegex, int refusals, int status) {
            this.pathRegex = pathRegex;
            this.refusals = refusals;
            this.status = status;
        }

        @Override
        public synchronized boolean answered(StandInServer.Request request, HttpExchange exchange) throws IOException {
            if (!request.path().matches(pathRegex)) {
                return false;
            }
            arrivals.add(System.nanoTime());
            if (refusals-- <= 0) {
                return false;
            }
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Retry-After", Long.toString(RETRY_AFTER_MS / 1000));
            answer(exchange, status, "{\"message\":\"try again later\"}");
            return true;
        }

        /** The time between each arrival and the one before it. */
        List<Duration> gaps() {
            List<Duration> gaps = new java.util.ArrayList<>();
            for (int i = 1; i < arrivals.size(); i++) {
                gaps.add(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)));
            }
            return gaps;
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void a_github_call_goes_again_after_the_wait_its_answer_asks_for(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Refusals refusals = new Refusals("/orgs/acme-eng/copilot/billing", 2, 503);
            standIns.github.intercept(refusals);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(3, refusals.arrivals.size(), "two refusals, then the answer");
            refusals.gaps().forEach(gap -> assertTrue(gap.toMillis() >= RETRY_AFTER_MS - 50,
                    "each attempt waited as Retry-After said: " + refusals.gaps()));
        }
    }

    @Test
    void a_port_call_goes_again_after_the_wait_its_answer_asks_for(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            // one request at a time, so that the request after the refusal is its retry
            standIns.env.put("PORT_CONCURRENCY", "1");
            Refusals refusals = new Refusals("/v1/blueprints/[^/]+/entities/bulk", 1, 429);
            standIns.port.intercept(refusals);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(refusals.arrivals.size() > 2, "the run went on after the retry");
            Duration gap = refusals.gaps().get(0);
            assertTrue(gap.toMillis() >= RETRY_AFTER_MS - 50, "the refused request waited as Retry-After said: " + gap.toMillis() + " ms");
        }
    }

    @Test
    void a_failure_after_a_retry_is_not_retried_and_fails_its_job_once(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            String billing = "/orgs/octo-org/copilot/billing";
            List<Integer> answers = new CopyOnWriteArrayList<>();
            standIns.github.intercept((request, exchange) -> {
                if (!request.path().equals(billing)) {
                    return false;
                }
                exchange.getRequestBody().readAllBytes();
                // first a wait the call may take, then one beyond RETRY_MAX_WAIT (5 s in FAST): that fails the call,
                // and the attempt that failed so is not sent again
                boolean first = answers.isEmpty();
                answers.add(first ? 503 : 429);
                exchange.getResponseHeaders().set("Retry-After", first ? "1" : "3600");
                answer(exchange, first ? 503 : 429, "{\"message\":\"try again later\"}");
                return true;
            });
            StandIns.Run run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> standIns.runOnce(StandIns.FAST));
            assertEquals(1, run.exitCode(), run.out());
            assertEquals(List.of(503, 429), answers, "one retry, then no more");
            List<String> failed = run.out().lines().filter(l -> l.contains("asked to wait 3600 s")).toList();
            assertEquals(1, failed.size(), "the job failed once, naming the wait:\n" + run.out());
            assertTrue(failed.get(0).contains("copilot-billing, octo-org"), failed.get(0));
        }
    }
}
