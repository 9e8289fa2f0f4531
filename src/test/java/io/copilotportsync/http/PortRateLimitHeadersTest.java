package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Port's x-ratelimit-reset as either shape its documentation gave it, and the budget each request counts against. */
class PortRateLimitHeadersTest {

    @Test
    void a_small_reset_is_the_seconds_until_the_window_resets() {
        assertEquals(Duration.ofSeconds(42), PortPacer.untilReset("42"));
        assertEquals(Duration.ZERO, PortPacer.untilReset("0"));
    }

    @Test
    void a_reset_past_a_billion_is_the_epoch_second_the_window_resets_at() {
        long inAMinute = System.currentTimeMillis() / 1000 + 60;
        Duration left = PortPacer.untilReset(Long.toString(inAMinute));
        assertTrue(left.compareTo(Duration.ofSeconds(58)) >= 0 && left.compareTo(Duration.ofSeconds(60)) <= 0, left.toString());
        assertEquals(Duration.ZERO, PortPacer.untilReset(Long.toString(inAMinute - 3600)), "a reset in the past is now");
    }

    @Test
    void a_reset_that_is_no_whole_number_of_seconds_is_not_used() {
        assertNull(PortPacer.untilReset(null));
        assertNull(PortPacer.untilReset("soon"));
        assertNull(PortPacer.untilReset("-5"));
        assertNull(PortPacer.untilReset("1.5"));
    }

    @Test
    void entity_requests_and_all_other_requests_have_budgets_of_their_own() {
        assertEquals("entities", PortPacer.api("/v1/blueprints/githubCopilotUserUsage/entities/bulk"));
        assertEquals("entities", PortPacer.api("/v1/blueprints/githubCopilotSeat/bulk/entities/delete"));
        assertEquals("other", PortPacer.api("/v1/blueprints/githubCopilotSeat"));
        assertEquals("other", PortPacer.api("/v1/blueprints"));
    }
}
