package io.copilotportsync.http;

import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * A GitHub or Port call must go again after a wait (a rate limit, a 5xx, a network error, a renewed token). Thrown by
 * {@link GitHubRetry}, {@code PortRetry} and {@link RetryTimings#afterNetworkError}; Camel's redelivery (route
 * configuration {@code call-retries} in routes/errors.camel.yaml) sends the attempt again after the wait, which it
 * reads from the message header {@link Exchange#REDELIVERY_DELAY} set here. The throwers count the attempts and stop
 * throwing this after the last one, so that the retries end with the call's own answer or error.
 */
public final class CallRetry extends RuntimeException {
    private CallRetry(String why) {
        // a signal, thrown on every retry: no stack trace to fill
        super(why, null, false, false);
    }

    /** The retry of the exchange's call after {@code wait} (0 for at once), for the given reason. */
    public static CallRetry after(Exchange exchange, Duration wait, String why) {
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.max(0, wait.toMillis()));
        return new CallRetry(why);
    }
}
