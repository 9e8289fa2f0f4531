package io.copilotportsync.http;

import io.copilotportsync.flow.PropertyNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's breaker per scope: GitHub requests of a scope that failed in a row (each attempt of a call counts: 5xx,
 * timeouts, refused connections). At GITHUB_FAILURES_BEFORE_SKIP the scope is skipped for the rest of the run, said once in one
 * line with the last error; its calls from then on fail at once, and the other scopes go on. Part of the run's state
 * (the sync's RunState, a {@link Holder}), so the next run tries every scope afresh.
 */
public final class ScopeBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeBreaker.class);

    /** The exchange property naming the job's scope (set with the job by the sync's JobPlanner). */
    /** The series of a scope's report downloads, beside the series of its API calls. */
    private static final String DOWNLOADS = " report files";

    private final int limit;
    private final Map<String, AtomicInteger> inARow = new ConcurrentHashMap<>();
    /** Scope label to the line that skipped it. */
    private final Map<String, String> skipped = new ConcurrentHashMap<>();

    public ScopeBreaker(int limit) {
        this.limit = limit;
    }

    /** Before a call of the scope (null: a call of no scope, such as discovery): a skipped scope is not called again. */
    public void check(String scope) {
        String why = scope == null ? null : skipped.get(scope);
        if (why != null) {
            throw new ScopeSkippedException(why);
        }
    }

    /** The call got an answer that is no outage (anything below 500 but 408): the failures in a row start again. */
    public void answered(String scope) {
        if (scope != null) {
            inARow.remove(scope);
        }
    }

    /** An attempt of a call failed with a 5xx, a timeout or a refused connection. */
    public void failed(String scope, String error) {
        failed(scope, scope, "GitHub requests", error);
    }

    /**
     * @param series what fails in a row: the scope's API calls, or its report downloads (another host: the API's
     *               answers in between, such as the fresh links asked for each retry, do not start those again)
     */
    private void failed(String scope, String series, String what, String error) {
        if (scope == null) {
            return;
        }
        int failures = inARow.computeIfAbsent(series, s -> new AtomicInteger()).incrementAndGet();
        if (failures >= limit) {
            String line = what + " for " + scope + " failed " + failures + " times in a row (last: " + error + "): "
                    + scope + " is skipped for the rest of this run (GITHUB_FAILURES_BEFORE_SKIP=" + limit
                    + "), its days are not final and are read again next run; the other scopes go on";
            if (skipped.putIfAbsent(scope, line) == null) {
                LOG.warn(line);
            }
        }
    }

    /**
     * How an attempt of a GitHub call within a run went, for the run's breaker (none outside a run): {@code outage}
     * names the 5xx, timeout or refusal, null means an answer that is no outage. When this attempt tripped the breaker,
     * the call ends now ({@link ScopeSkippedException}) without waiting for an attempt that would not be made. The API
     * calls, the App's token calls and the report downloads all count: a GitHub that fails fails them all.
     */
    public static void attempted(org.apache.camel.Exchange exchange, String outage) {
        attempted(exchange, outage, "");
    }

    /** The same for a report file's download (the report host, not the API): a series of its own. */
    public static void downloadAttempted(org.apache.camel.Exchange exchange, String outage) {
        attempted(exchange, outage, DOWNLOADS);
    }

    private static void attempted(org.apache.camel.Exchange exchange, String outage, String series) {
        ScopeBreaker breaker = exchange.getProperty(PropertyNames.RUN) instanceof Holder run ? run.breaker() : null;
        String scope = exchange.getProperty(PropertyNames.SCOPE, String.class);
        if (breaker == null || scope == null) {
            return;
        }
        if (outage == null) {
            breaker.answered(scope + series);
            return;
        }
        breaker.failed(scope, scope + series, series.isEmpty() ? "GitHub requests" : "Report downloads", outage);
        breaker.check(scope);
    }

    /** Before an attempt of a call within a run: the call of a skipped scope fails now. */
    public static void before(org.apache.camel.Exchange exchange) {
        if (exchange.getProperty(PropertyNames.RUN) instanceof Holder run && run.breaker() != null) {
            run.breaker().check(exchange.getProperty(PropertyNames.SCOPE, String.class));
        }
    }

    /** Whether this run skips the scope. */
    public boolean skips(String scope) {
        return scope != null && skipped.containsKey(scope);
    }

    /**
     * What carries the run's breaker through the routes, as the exchange property {@link PropertyNames#RUN}: the
     * sync's run state. GitHubRetry finds the breaker by it without knowing the run.
     */
    public interface Holder {
        ScopeBreaker breaker();
    }

    /** A call of a skipped scope: its job fails at once, counted failed, without a line of its own. */
    public static final class ScopeSkippedException extends RuntimeException {
        ScopeSkippedException(String message) {
            super(message, null, false, false);
        }
    }
}
