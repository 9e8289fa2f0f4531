package io.copilotportsync.sync;

import io.copilotportsync.http.CallFigures;
import io.copilotportsync.logging.SecretRedactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync's own figures on /observe/metrics (Prometheus): per kind and scope, counters of what the finished runs
 * read, upserted, left unchanged, dropped and failed, and when each last succeeded; the last run's duration;
 * GitHub's and Port's remaining rate-limit budgets; Port answers by status.
 */
public final class SyncMetrics implements CallFigures {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastRunMillis = new AtomicLong();
    private final AtomicLong githubRemaining = new AtomicLong(-1);
    private final Map<String, AtomicLong> portRemaining = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("copilot_sync_last_run_seconds", lastRunMillis, v -> v.get() / 1000.0)
                .description("Duration of the last sync run").register(registry);
        Gauge.builder("copilot_sync_github_rate_limit_remaining", githubRemaining, AtomicLong::get)
                .description("GitHub's x-ratelimit-remaining at the last answer (-1: not seen yet)").register(registry);
    }

    /** Records a finished run: its figures are added to the counters of each kind and scope. */
    public void runFinished(SyncSummary summary, long millis, long epochSecond) {
        lastRunMillis.set(millis);
        summary.tallies().forEach((key, tally) -> {
            String k = key.get(0) + "\t" + key.get(1);
            count("copilot_sync_records_read", key, tally.recordsRead());
            count("copilot_sync_entities_upserted", key, tally.upserted());
            count("copilot_sync_entities_unchanged", key, tally.unchanged());
            count("copilot_sync_entities_dropped", key, tally.droppedCount());
            count("copilot_sync_entities_failed", key, tally.failedCount());
            count("copilot_sync_days_failed", key, tally.daysFailed());
            if (tally.succeeded()) {
                lastSuccess.computeIfAbsent(k, x -> new AtomicLong()).set(epochSecond);
            }
            if (registered.add(k)) {
                Gauge.builder("copilot_sync_last_success_timestamp_seconds", this,
                                m -> m.lastSuccess.getOrDefault(k, new AtomicLong()).get())
                        .tags(labels(key)).register(registry);
            }
        });
    }

    private void count(String name, java.util.List<String> key, long amount) {
        Counter.builder(name).tags(labels(key)).register(registry).increment(amount);
    }

    /** Labels are served to whoever scrapes /observe/metrics: they pass the redactor as every text that leaves does. */
    private static String[] labels(java.util.List<String> key) {
        return new String[] {"kind", SecretRedactor.redact(key.get(0)), "scope", SecretRedactor.redact(key.get(1))};
    }

    @Override
    public void githubRemaining(long remaining) {
        githubRemaining.set(remaining);
    }

    /** Port's x-ratelimit-remaining at the last answer that carried it, per budget (api: entities or other). */
    @Override
    public void portRemaining(String api, long remaining) {
        portRemaining.computeIfAbsent(api, a -> {
            AtomicLong value = new AtomicLong(-1);
            Gauge.builder("copilot_sync_port_rate_limit_remaining", value, AtomicLong::get).tag("api", a)
                    .description("Port's x-ratelimit-remaining at the last answer, per budget").register(registry);
            return value;
        }).set(remaining);
    }

    @Override
    public void portAnswer(int status) {
        Counter.builder("copilot_sync_port_requests_total").tag("status", Integer.toString(status)).register(registry).increment();
    }
}
