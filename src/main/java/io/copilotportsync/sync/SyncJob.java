package io.copilotportsync.sync;

import io.copilotportsync.github.Scope;
import io.copilotportsync.github.ScopedJob;
import java.time.LocalDate;

/**
 * One unit of work of a run: a kind for one scope, and for the daily reports one day, or several days read from
 * one 28-day report ({@code days}). {@code family} says how it is read (route sync-job in
 * routes/sync-run.camel.yaml sends it to that family's route);
 * {@code report} is the report name for the report families.
 */
public record SyncJob(String kind, SourceKind.Family family, Scope scope, LocalDate day, String report, java.util.SortedSet<LocalDate> days)
        implements ScopedJob {
    /** A job of one day, or of no day (snapshot kinds). */
    public SyncJob(String kind, SourceKind.Family family, Scope scope, LocalDate day, String report) {
        this(kind, family, scope, day, report, null);
    }

    /** Whether this job reads several days from a 28-day report. */
    public boolean latest() {
        return days != null;
    }
}
