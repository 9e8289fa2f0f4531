package io.copilotportsync.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run of one {@link SyncApplication} that began last, for those outside the routes: the command line reads its
 * summary, the shutdown hook stops it, a test watches it. The routes never read it: they carry the run as the
 * exchange property {@code run}, and Port's answers reach it through each {@link MappedEntity}, which
 * names its run (a batch completes on the aggregator's thread, in a new exchange; an entity knows its run wherever it
 * is, where a holder would have to be right about which run is current). One holder per application, so embedded
 * instances in one JVM never see each other's runs. Also how the application's runs report themselves (set before
 * a run begins, read once at its start).
 */
public final class CurrentRun {
    private final AtomicReference<RunState> run = new AtomicReference<>();
    private final SyncSummary none;
    private volatile boolean logSummary = true;
    private volatile Duration progressEvery = Duration.ofSeconds(5);

    CurrentRun(SyncWindow window) {
        this.none = new SyncSummary(window);
    }

    void begun(RunState state) {
        run.set(state);
    }

    /** The run that began last, or null before the first. */
    public RunState get() {
        return run.get();
    }

    /** The summary of the run that began last; before any, an empty one. */
    public SyncSummary summary() {
        RunState state = run.get();
        return state == null ? none : state.summary();
    }

    /** A --once run and an embedded one print or hand over the summary themselves; the service logs it. */
    public void logSummary(boolean enabled) {
        this.logSummary = enabled;
    }

    boolean logSummary() {
        return logSummary;
    }

    /** How often progress is logged at most (5 s unless a test says otherwise). */
    public void progressEvery(Duration interval) {
        this.progressEvery = interval;
    }

    Duration progressEvery() {
        return progressEvery;
    }

    /** Whether a run is between its start and its end. */
    public boolean inProgress() {
        RunState state = run.get();
        return state != null && state.inProgress();
    }

    /** The process is stopping: the run in progress takes no new work. */
    public void stop() {
        RunState state = run.get();
        if (state != null) {
            state.stop();
        }
    }

    /** The application embedding the sync is stopping: the run takes no new work and waits for Port no longer than {@code grace}. */
    public void stop(Duration grace) {
        RunState state = run.get();
        if (state != null) {
            state.stop(grace);
        }
    }

    /** What the run in progress leaves for the next one, in one line; null when none is in progress. */
    public String unfinished() {
        RunState state = run.get();
        return state == null ? null : state.unfinished();
    }
}
