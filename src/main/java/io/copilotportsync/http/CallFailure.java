package io.copilotportsync.http;

import io.copilotportsync.flow.PropertyNames;
import org.apache.camel.Exchange;

/**
 * The failure of a call that its retries did not mend, passed on to the job. Routes github-call-retries and
 * port-call-retries keep it in {@code callFailure} and go on (call-retries is {@code continued}): an exception that
 * ends in a route with an error handler of its own would never reach the job's (job-errors), so the calling route,
 * which has none, throws it again here.
 */
public final class CallFailure {
    /** Throws the call's failure, if it had one; the exchange goes on to its next call without it. */
    public void passOn(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(PropertyNames.CALL_FAILURE, Exception.class);
        if (failure != null) {
            exchange.removeProperty(PropertyNames.CALL_FAILURE);
            throw failure;
        }
    }
}
