package io.copilotportsync.http;

import io.copilotportsync.flow.PropertyNames;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Paces Port calls (route port-call) by the rate-limit headers of Port's answers, across every thread that sends:
 * {@link #acquire} before a request waits until the window can take it, {@link #answered} reads the budget left
 * from the answer, {@link #released} gives the permission back when no answer came.
 *
 * <p>Port's headers (docs.port.io/api-reference/rate-limits): {@code x-ratelimit-limit} (requests a window),
 * {@code x-ratelimit-remaining} (left in the current window), {@code x-ratelimit-period} (the window, in seconds) and
 * {@code x-ratelimit-reset}. The current page says reset is "the number of seconds before the rate limit is reset";
 * the version published with the move to per-organization limits (June 2025) said "the time at which the current
 * rate limit window resets, in UTC epoch seconds". Both are read: a value past 10^9 (September 2001 as an epoch
 * second, 31 years as a delay) is an epoch second, a smaller one a delay. Port limits entity requests and all other
 * requests apart (35,000 and 15,000 per 5 minutes), so each has its own budget here.
 *
 * <p>The budgets are the Port organization's, not a run's: they outlive runs, as Port's windows do.
 */
public final class PortPacer {
    /** Values of x-ratelimit-reset above this are epoch seconds; below, seconds until the reset. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private final RetryTimings timings;
    private final CallFigures metrics;
    private final ConcurrentMap<String, PortBudget> budgets = new ConcurrentHashMap<>();

    public PortPacer(RetryTimings timings, CallFigures metrics) {
        this.timings = timings;
        this.metrics = metrics;
    }

    /** Waits until Port's window can take this call's request. */
    public void acquire(Exchange exchange) throws InterruptedException {
        String api = api(exchange.getProperty(PropertyNames.PORT_PATH, String.class));
        PortBudget.Ticket ticket = budgets.computeIfAbsent(api, k -> new PortBudget()).acquire();
        exchange.setProperty(PropertyNames.PORT_PACING, new Held(api, ticket));
    }

    /** Port answered: its headers say what is left of the window. */
    public void answered(Exchange exchange) {
        Held held = exchange.getProperty(PropertyNames.PORT_PACING, Held.class);
        if (held == null) {
            return;
        }
        exchange.removeProperty(PropertyNames.PORT_PACING);
        Message m = exchange.getMessage();
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Long limit = positive(RetryTimings.headerNumber(m.getHeader("x-ratelimit-limit")));
        Long remaining = RetryTimings.headerNumber(m.getHeader("x-ratelimit-remaining"));
        Duration reset = untilReset(m.getHeader("x-ratelimit-reset"));
        if (status == 429) {
            Long retryAfter = RetryTimings.headerNumber(m.getHeader("Retry-After"));
            if (retryAfter != null && retryAfter >= 0 && (reset == null || Duration.ofSeconds(retryAfter).compareTo(reset) > 0)) {
                reset = Duration.ofSeconds(retryAfter);
            }
        }
        if (remaining != null && (remaining < 0 || limit != null && remaining > limit)) {
            remaining = null;
        }
        boolean usable = limit != null && remaining != null && reset != null;
        if (usable && metrics != null) {
            metrics.portRemaining(held.api, remaining);
        }
        budgets.get(held.api).answered(held.ticket, status, usable ? limit : null, usable ? remaining : null,
                usable ? timings.clamp(reset).toNanos() : null);
    }

    /** No answer came (network error, or the call failed before it was sent): the permission goes back. */
    public void released(Exchange exchange) {
        Held held = exchange.getProperty(PropertyNames.PORT_PACING, Held.class);
        if (held != null) {
            exchange.removeProperty(PropertyNames.PORT_PACING);
            budgets.get(held.api).release(held.ticket);
        }
    }

    /** Port's x-ratelimit-reset as the time left until the reset, in either of its documented shapes; null if unusable. */
    public static Duration untilReset(Object header) {
        Long value = RetryTimings.headerNumber(header);
        if (value == null || value < 0) {
            return null;
        }
        if (value < EPOCH_SECONDS_FROM) {
            return Duration.ofSeconds(value);
        }
        Duration left = Duration.ofMillis(value * 1000 - System.currentTimeMillis());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The budget a request counts against: Port's entity API, or everything else (blueprints). */
    static String api(String path) {
        return path != null && path.contains("/entities") ? "entities" : "other";
    }

    private static Long positive(Long n) {
        return n != null && n > 0 ? n : null;
    }

    private record Held(String api, PortBudget.Ticket ticket) {
    }
}
