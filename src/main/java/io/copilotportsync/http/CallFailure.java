package io.copilotportsync.http;

import org.apache.camel.Exchange;

/**
 * The failure of a call that its retries did not mend, passed on to the job. Routes github-call-retries and
 * port-call-retries keep it in {@value #PROPERTY} and go on (call-retries is {@code continued}): an exception that
 * ends in a route with an error handler of its own would never reach the job's (job-errors), so the calling route,
 * which has none, throws it again here.
 */
public final class CallFailure {
    public static final String PROPERTY = "callFailure";

    /** Throws the call's failure, if it had one; the exchange goes on to its next call without it. */
    public void passOn(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(PROPERTY, Exception.class);
        if (failure != null) {
            exchange.removeProperty(PROPERTY);
            throw failure;
        }
    }
}
