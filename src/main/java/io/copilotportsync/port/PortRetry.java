package io.copilotportsync.port;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.CallFigures;
import io.copilotportsync.http.CallRetry;
import io.copilotportsync.http.PortPacer;
import io.copilotportsync.http.RetryTimings;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, after each Port answer, whether the call is done or goes again ({@link CallRetry}, route port-call-retries;
 * the wait is on the thread that sends the request, so that PORT_CONCURRENCY still bounds what is on its way): a 401
 * refreshes the access token once; 429 and 5xx wait as Retry-After says (a 429 without it until x-ratelimit-reset),
 * or back off with jitter; a wait Port asks for beyond RETRY_MAX_WAIT fails the call; network errors back off.
 * Pacing within Port's rate limit is PortPacer's.
 */
public final class PortRetry {
    private static final Logger LOG = LoggerFactory.getLogger(PortRetry.class);

    private final RetryTimings timings;
    private final PortTokenCache token;

    private final CallFigures metrics;

    public PortRetry(RetryTimings timings, PortTokenCache token, CallFigures metrics) {
        this.timings = timings;
        this.token = token;
        this.metrics = metrics;
    }

    public void answered(Exchange exchange) {
        Message m = exchange.getMessage();
        int attempt = RetryTimings.answeredAttempt(exchange);
        int status = exchange.getProperty(PropertyNames.STATUS, Integer.class);
        if (metrics != null) {
            metrics.portAnswer(status);
        }
        String what = exchange.getProperty(PropertyNames.PORT_METHOD) + " " + exchange.getProperty(PropertyNames.PORT_PATH);
        if (status == 401 && !exchange.getProperty(PropertyNames.TOKEN_REFRESHED, false, Boolean.class)) {
            exchange.setProperty(PropertyNames.TOKEN_REFRESHED, true);
            token.invalidate();
            LOG.info("Port refused the access token for {}: fetching a new one", what);
            throw CallRetry.after(exchange, Duration.ZERO, "Port refused the access token for " + what);
        }
        if ((status == 429 || status >= 500) && attempt < timings.maxAttempts()) {
            Long retryAfter = seconds(m.getHeader("Retry-After"));
            Duration reset = status == 429 ? PortPacer.untilReset(m.getHeader("x-ratelimit-reset")) : null;
            // a 429 without Retry-After waits for the window's reset when Port said it; without either, backs off
            Duration wait = retryAfter == null && reset != null ? timings.asked(reset, "Port", what, " (until its rate limit's reset)")
                    : timings.retryAfterOrBackoff(retryAfter, attempt, "Port", what);
            LOG.warn("Port answered {} for {}: waiting {} ms before attempt {}", status, what, wait.toMillis(), attempt + 1);
            throw CallRetry.after(exchange, wait, "Port answered " + status + " for " + what);
        }
    }

    public void failed(Exchange exchange) throws Exception {
        timings.afterNetworkError(exchange, "Port call " + exchange.getProperty(PropertyNames.PORT_METHOD) + " " + exchange.getProperty(PropertyNames.PORT_PATH));
    }

    private static Long seconds(Object header) {
        return RetryTimings.headerNumber(header);
    }
}
