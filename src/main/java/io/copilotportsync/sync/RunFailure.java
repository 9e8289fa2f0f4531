package io.copilotportsync.sync;

import io.copilotportsync.logging.SecretRedactor;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed run in the user's words: the failure under Camel's wrappers ("Multicast processing failed for number 0.
 * Exchange[...]. Caused by: ..."), whose exchange dump goes to DEBUG only.
 */
public final class RunFailure {
    private static final Logger LOG = LoggerFactory.getLogger(RunFailure.class);

    private RunFailure() {
    }

    /** The message a user reads; never null (the JDK's ConnectException, say, has none). */
    public static String message(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause != e) {
            LOG.debug("The run failed; in Camel's words: {}", SecretRedactor.redact(String.valueOf(e)));
        }
        return cause == null ? "unknown error" : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Only Camel's own wrappers are taken off: a subclass (a timeout, a missing bean) says something of its own. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t != null && t.getCause() != null && t.getCause() != t && wrapper(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean wrapper(Throwable t) {
        Class<?> type = t.getClass();
        return type == CamelExchangeException.class || type == CamelExecutionException.class || type == RuntimeCamelException.class;
    }
}
