package io.copilotportsync.embed;

import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.sync.SyncSummary;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run's summary as values, for the application's route (header {@value EmbeddedSync#SUMMARY}): the figures of
 * the summary table per kind and scope, the window, the failures of the run as a whole and the outcome. Immutable,
 * and redacted as the text body is.
 *
 * @param firstDay first day of the window, inclusive
 * @param lastDay last day of the window, inclusive
 * @param succeeded true when every kind and scope succeeded and the run itself did not fail
 * @param runErrors failures of the run as a whole (Port refused the credentials, say), in the order they came
 * @param counts one entry per kind and scope, sorted by kind, then scope
 */
public record RunSummary(LocalDate firstDay, LocalDate lastDay, boolean succeeded, List<String> runErrors, List<Counts> counts) {

    /**
     * The figures of one kind and scope: the columns of the summary table, and the reasons behind its dropped and
     * failed counts.
     */
    public record Counts(String kind, String scope, long days, long daysWithoutData, long daysFailed, long recordsRead,
                         long upserted, long unchanged, long dropped, long deleted, long failed,
                         Map<String, Long> droppedReasons, Map<String, Long> failedReasons, List<String> warnings,
                         boolean succeeded) {
    }

    /** The counts of a kind (as the mapping names it) and scope (an organization's login, or {@code enterprise:slug}). */
    public Optional<Counts> of(String kind, String scope) {
        return counts.stream().filter(c -> c.kind.equals(kind) && c.scope.equals(scope)).findFirst();
    }

    /** The counts of every scope of a kind. */
    public List<Counts> ofKind(String kind) {
        return counts.stream().filter(c -> c.kind.equals(kind)).toList();
    }

    static RunSummary of(SyncSummary summary) {
        List<Counts> counts = summary.tallies().entrySet().stream().map(e -> {
            SyncSummary.Tally t = e.getValue();
            return new Counts(e.getKey().get(0), e.getKey().get(1), t.days(), t.daysWithoutData(), t.daysFailed(), t.recordsRead(),
                    t.upserted(), t.unchanged(), t.droppedCount(), t.deleted(), t.failedCount(), redacted(t.droppedReasons()),
                    redacted(t.failedReasons()), t.warnings().stream().sorted().map(SecretRedactor::redact).toList(), t.succeeded());
        }).toList();
        return new RunSummary(summary.window().start(), summary.window().end(), summary.succeeded(),
                summary.runErrors().stream().map(SecretRedactor::redact).toList(), counts);
    }

    /** Reasons quote what GitHub and Port answered, which may echo a credential. */
    private static Map<String, Long> redacted(Map<String, Long> reasons) {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((reason, n) -> out.merge(SecretRedactor.redact(reason), n, Long::sum));
        return Map.copyOf(out);
    }
}
