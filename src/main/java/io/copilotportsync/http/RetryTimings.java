package io.copilotportsync.http;

import io.copilotportsync.flow.PropertyNames;
import java.time.Duration;

/**
 * How long calls wait before they are tried again, and the cap on any wait ({@code maxWait}, RETRY_MAX_WAIT): our
 * own backoffs stop growing at it, and a wait the server asks for beyond it (Retry-After, a rate-limit reset) fails
 * the call at once rather than hold the run for hours. Production uses {@link #DEFAULT} with RETRY_MAX_WAIT; tests
 * shorten the waits (a secondary GitHub rate limit without headers waits at least a minute otherwise).
 */
public record RetryTimings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration secondaryLimitWait,
                           Duration maxWait, String capName) {
    /** Timings whose cap is the user's RETRY_MAX_WAIT. */
    public RetryTimings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration secondaryLimitWait, Duration maxWait) {
        this(maxAttempts, firstBackoff, maxBackoff, secondaryLimitWait, maxWait, "RETRY_MAX_WAIT");
    }

    public static final RetryTimings DEFAULT = new RetryTimings(6, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(60), io.copilotportsync.config.RetrySettings.DEFAULT.maxWait());

    /** The same timings with another cap (RETRY_MAX_WAIT). */
    public RetryTimings withMaxWait(Duration cap) {
        return new RetryTimings(maxAttempts, firstBackoff, maxBackoff, secondaryLimitWait, cap, capName);
    }

    /** Exponential backoff for the given attempt (1, 2, ...), capped, with jitter in [50%, 100%]. */
    public Duration backoff(int attempt) {
        long base = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(Math.min(maxBackoff.toMillis(), maxWait.toMillis()), base);
        return Duration.ofMillis(capped / 2 + (long) (Math.random() * (capped / 2 + 1)));
    }

    /** The secondary-limit wait for an attempt: at least {@link #secondaryLimitWait}, doubling after that, at most the cap. */
    public Duration secondaryWait(int attempt) {
        long base = secondaryLimitWait.toMillis() << Math.min(10, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(maxWait.toMillis(), base));
    }

    /** Our own spacing (pacing within a rate limit): never longer than the cap. */
    Duration clamp(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /**
     * A wait the server asked for: the wait itself when within the cap; beyond it the call fails now, in one line
     * naming the wait, the call, the cap and its variable.
     *
     * @param who "GitHub" or "Port"
     * @param call the call, as "GET /orgs/x/copilot/billing"
     * @param why what the wait comes from, in brackets after it ("" for a plain Retry-After)
     */
    public Duration asked(Duration wait, String who, String call, String why) {
        if (wait.compareTo(maxWait) > 0) {
            throw new WaitBeyondCapException(who + " asked to wait " + wait.toSeconds() + " s" + why + " before retrying " + call
                    + "; more than " + capName + " (" + maxWait.toSeconds() + " s): giving up on this call");
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * The wait before a 429's or 5xx's next attempt: as its Retry-After says (in seconds, within the cap, see
     * {@link #asked}), or our backoff when it says nothing.
     */
    public Duration retryAfterOrBackoff(Long retryAfterSeconds, int attempt, String who, String call) {
        return retryAfterSeconds != null ? asked(Duration.ofSeconds(retryAfterSeconds), who, call, "") : backoff(attempt);
    }

    /**
     * A call got no answer at all (timeout, connection refused): back off and go again ({@link CallRetry}), or, after
     * the last attempt, throw the error on.
     */
    public void afterNetworkError(org.apache.camel.Exchange exchange, String what) throws Exception {
        Exception e = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempt = exchange.getProperty(PropertyNames.ATTEMPT, 0, Integer.class) + 1;
        exchange.setProperty(PropertyNames.ATTEMPT, attempt);
        if (attempt >= maxAttempts) {
            throw e;
        }
        if (Network.untrustedCertificate(e)) {
            // the same certificate comes back on every attempt: fail now, with the fix
            throw new javax.net.ssl.SSLHandshakeException(what + " failed: " + Network.explain(e));
        }
        Duration wait = backoff(attempt);
        org.slf4j.LoggerFactory.getLogger(RetryTimings.class).warn("{} failed ({}): retrying in {} ms", what, e.getMessage(), wait.toMillis());
        throw CallRetry.after(exchange, wait, what + " failed: " + e.getMessage());
    }

    /** Counts an answered attempt of a call and keeps its status on the exchange ("attempt", "status"); answers the attempt. */
    public static int answeredAttempt(org.apache.camel.Exchange exchange) {
        int status = exchange.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        int attempt = exchange.getProperty(PropertyNames.ATTEMPT, 0, Integer.class) + 1;
        exchange.setProperty(PropertyNames.ATTEMPT, attempt);
        exchange.setProperty(PropertyNames.STATUS, status);
        return attempt;
    }

    /** A numeric response header (rate limits, Retry-After in seconds), or null. */
    public static Long headerNumber(Object header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Pacing within a budget (not a retry: retries wait in Camel's redelivery, {@link CallRetry}). */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
