package io.copilotportsync.http;

import io.copilotportsync.flow.PropertyNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, after each GitHub API answer, whether the call is done or must wait and go again ({@link CallRetry}, route
 * github-call-retries):
 * primary rate limit (429, or 403 with x-ratelimit-remaining 0) waits until x-ratelimit-reset; retry-after is
 * honoured; a secondary limit with neither header waits at least a minute, then doubles; 5xx and network errors
 * back off with jitter (or wait as retry-after says); a wait GitHub asks for beyond RETRY_MAX_WAIT fails the call;
 * a 403 that is none of these is a permission problem and is not retried. When the remaining budget runs low, calls
 * are spaced out until the reset instead of running into the limit. Each attempt's outcome goes to the run's
 * {@link ScopeBreaker}, which skips a scope whose requests keep failing.
 */
public final class GitHubRetry {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubRetry.class);
    /** Below this share of the hourly budget, calls are spaced so that the rest lasts until the reset. */
    private static final double LOW_BUDGET = 0.05;

    private final RetryTimings timings;
    private final Clock clock;

    private final CallFigures metrics;

    public GitHubRetry(RetryTimings timings, Clock clock, CallFigures metrics) {
        this.timings = timings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Before each attempt: a scope whose GitHub calls kept failing is skipped for the rest of the run, so its call
     * fails now (also a call waiting to retry when another call of the scope tripped the breaker).
     */
    public void attempt(Exchange exchange) {
        ScopeBreaker.before(exchange);
    }

    /**
     * Called with GitHub's answer; sets {@code status} and {@code link} on the exchange, or throws {@link CallRetry}
     * when the call must wait and go again.
     */
    public void answered(Exchange exchange) {
        Message m = exchange.getMessage();
        int attempt = RetryTimings.answeredAttempt(exchange);
        int status = exchange.getProperty(PropertyNames.STATUS, Integer.class);
        exchange.setProperty(PropertyNames.LINK, m.getHeader("Link", String.class));
        Long remaining = number(m.getHeader("x-ratelimit-remaining"));
        Long limit = number(m.getHeader("x-ratelimit-limit"));
        Long reset = number(m.getHeader("x-ratelimit-reset"));
        Long retryAfter = number(m.getHeader("retry-after"));
        if (remaining != null && metrics != null) {
            metrics.githubRemaining(remaining);
        }
        String what = String.valueOf(exchange.getProperty(PropertyNames.REQUEST_PATH));
        String call = "GET " + what;
        outcome(exchange, status >= 500 || status == 408 ? "GitHub answered " + status + " for " + call : null);
        Duration wait = null;
        String why = null;
        if (status == 429 || status == 403) {
            String body = m.getBody(String.class);
            boolean secondary = body != null && body.toLowerCase().contains("secondary rate limit");
            if (retryAfter != null) {
                wait = timings.asked(Duration.ofSeconds(retryAfter), "GitHub", call, "");
                why = "GitHub asked to retry after " + retryAfter + " s";
            } else if (remaining != null && remaining == 0 && reset != null) {
                wait = timings.asked(Duration.between(clock.instant(), Instant.ofEpochSecond(reset)).plusSeconds(1), "GitHub", call,
                        " (its rate limit is used up until " + Instant.ofEpochSecond(reset) + ")");
                why = "GitHub's rate limit is used up until " + Instant.ofEpochSecond(reset);
            } else if (status == 429 || secondary) {
                wait = timings.secondaryWait(attempt);
                why = "GitHub's secondary rate limit";
            }
            if (m.getBody() != null && !(m.getBody() instanceof String) && body != null) {
                m.setBody(body);
            }
        } else if (status >= 500 || status == 408) {
            wait = timings.retryAfterOrBackoff(retryAfter, attempt, "GitHub", call);
            why = "GitHub answered " + status;
        }
        if (wait != null && attempt < timings.maxAttempts()) {
            LOG.warn("{} for {}: waiting {} s before attempt {}", why, what, Math.max(1, wait.toSeconds()), attempt + 1);
            throw CallRetry.after(exchange, wait, why + " for " + call);
        }
        pace(remaining, limit, reset, what);
    }

    /** Called when the call did not get an answer at all (timeout, connection refused): back off, or give up. */
    public void failed(Exchange exchange) throws Exception {
        String what = "GitHub call GET " + exchange.getProperty(PropertyNames.REQUEST_PATH);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        outcome(exchange, what + " failed: " + (e == null ? "no answer" : Network.explain(e)));
        timings.afterNetworkError(exchange, what);
    }

    private static void outcome(Exchange exchange, String outage) {
        ScopeBreaker.attempted(exchange, outage);
    }

    private void pace(Long remaining, Long limit, Long reset, String what) {
        if (remaining == null || limit == null || reset == null || limit == 0 || remaining > limit * LOW_BUDGET) {
            return;
        }
        Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
        if (untilReset.isNegative()) {
            return;
        }
        Duration spacing = timings.clamp(untilReset.dividedBy(Math.max(1, remaining)));
        LOG.info("GitHub rate limit budget low ({} of {} left until {}): spacing calls by {} ms", remaining, limit,
                Instant.ofEpochSecond(reset), spacing.toMillis());
        RetryTimings.sleep(spacing);
    }

    private static Long number(Object header) {
        return RetryTimings.headerNumber(header);
    }
}
