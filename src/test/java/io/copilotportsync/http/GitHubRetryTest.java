package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Calls slow down before GitHub's budget runs out, and a 403 that is no rate limit is not tried again. */
class GitHubRetryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private final GitHubRetry retry = new GitHubRetry(new RetryTimings(6, Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(5)), Clock.fixed(NOW, ZoneOffset.UTC), null);

    private Exchange answer(int status, String remaining, String reset) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader("x-ratelimit-limit", "5000");
        e.getMessage().setHeader("x-ratelimit-remaining", remaining);
        e.getMessage().setHeader("x-ratelimit-reset", reset);
        e.getMessage().setBody("{}");
        return e;
    }

    @Test
    void with_little_budget_left_calls_are_spaced_until_the_reset() {
        Exchange e = answer(200, "2", Long.toString(NOW.getEpochSecond() + 2));
        long start = System.nanoTime();
        retry.answered(e);
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waited >= 900, "two calls left for two seconds: about a second between calls, waited " + waited + " ms");
        assertEquals(200, e.getProperty("status"));
    }

    @Test
    void with_plenty_of_budget_calls_are_not_delayed() {
        Exchange e = answer(200, "4000", Long.toString(NOW.getEpochSecond() + 3600));
        long start = System.nanoTime();
        retry.answered(e);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 200);
    }

    @Test
    void a_403_that_is_no_rate_limit_is_done_at_once() {
        Exchange e = answer(403, "4000", Long.toString(NOW.getEpochSecond() + 3600));
        e.getMessage().setBody("{\"message\":\"Resource not accessible by personal access token\"}");
        retry.answered(e); // no CallRetry
        assertEquals(403, e.getProperty("status"));
        assertEquals(1, e.getProperty("attempt"));
    }
}
