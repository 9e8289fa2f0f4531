package io.copilotportsync.embed;

import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.sync.SyncSummary;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * An instance's health in the application's camel-health registry: DOWN after a run that failed, with the reason
 * (the run's own failure, else the kinds and scopes that failed), UP after one that succeeded and before the first.
 * A readiness check only: a Port or GitHub outage is no reason to restart the application.
 */
final class LastRunHealthCheck implements HealthCheck {
    /** What the last run left: null before the first. */
    private record Outcome(boolean succeeded, String reason) {
    }

    private final String id;
    private volatile boolean enabled = true;
    private volatile Outcome last;

    LastRunHealthCheck(String id) {
        this.id = id;
    }

    /** A run ended with this summary. */
    void ran(SyncSummary summary) {
        last = new Outcome(summary.succeeded(), summary.succeeded() ? null
                : SecretRedactor.redact(ParameterNames.inMessage(reason(summary))));
    }

    private static String reason(SyncSummary summary) {
        List<String> runErrors = summary.runErrors();
        if (!runErrors.isEmpty()) {
            return "the last run failed: " + runErrors.get(0);
        }
        List<String> failed = summary.tallies().entrySet().stream().filter(e -> !e.getValue().succeeded())
                .map(e -> e.getKey().get(0) + " " + e.getKey().get(1)).toList();
        return "the last run failed for " + String.join(", ", failed) + " (see its summary)";
    }

    @Override
    public Result call(Map<String, Object> options) {
        Outcome outcome = last;
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this);
        if (outcome == null) {
            return result.up().message("no run yet").build();
        }
        return outcome.succeeded() ? result.up().message("the last run succeeded").build()
                : result.down().message(outcome.reason()).build();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getGroup() {
        return "copilot-port-sync";
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
