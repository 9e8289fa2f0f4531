package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.github.Scope;
import io.copilotportsync.http.ScopeBreaker;
import io.copilotportsync.state.DayLedger;
import io.copilotportsync.state.LocalWriteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one sync run knows while it runs, from {@link RunStart#begin} to {@link RunEnd#finish}: its day window,
 * summary, day ledger, field drift, the scopes skipped for failing GitHub calls, the entities snapshot kinds
 * produced, the entities waiting for Port's answer, whether a local fault or a stop ended it early, and its progress.
 * It travels through the routes as the one exchange property {@value #PROPERTY}, and with each {@link MappedEntity}
 * to the aggregator's threads; the beans that work on it keep nothing of a run themselves. See docs/ARCHITECTURE.md ("The run and its state").
 */
public final class RunState implements ScopeBreaker.Holder {
    private static final Logger LOG = LoggerFactory.getLogger(RunState.class);

    private final SyncWindow window;
    private final SyncSummary summary;
    private final DayLedger ledger;
    private final FieldDrift drift;
    private final DeadLetters deadLetters;
    private final boolean logSummary;
    private final long progressEveryNanos;
    private final long startedNanos = System.nanoTime();
    private final List<Scope> scopes = new CopyOnWriteArrayList<>();
    /** Snapshot kinds (seats, billing, legacy): what each (kind, scope) produced this run, for deletions. */
    private final Map<String, Set<String>> produced = new ConcurrentHashMap<>();
    /** Guards pending and the first local fault; acknowledgements notify a waiting {@link #awaitSettled}. */
    private final Object pendingLock = new Object();
    private long pending;
    /** A file under DATA_DIR could not be written in this run: the run stops, and nothing more is recorded. */
    private volatile LocalWriteException localFault;
    /** The process is stopping: no new work; the batches in flight may still be acknowledged. */
    private volatile boolean stopping;
    /** An embedding application's stop: from this System.nanoTime() on, no one waits for Port's answers. */
    private volatile long waitForPortUntil;
    private volatile boolean waitForPortBounded;
    /** Until finish(): what a stop in the middle leaves undone can be told. */
    private volatile boolean inProgress = true;
    /** RunEnd.finish has begun: a run is ended once. */
    private final java.util.concurrent.atomic.AtomicBoolean finishing = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
    private final RunPace pace = new RunPace();
    /** The scopes whose GitHub calls keep failing: skipped for the rest of this run. */
    private final ScopeBreaker breaker;

    RunState(SyncWindow window, DayLedger ledger, FieldDrift drift, DeadLetters deadLetters, boolean logSummary, Duration progressEvery,
             int failuresBeforeSkip) {
        this.breaker = new ScopeBreaker(failuresBeforeSkip);
        this.window = window;
        this.summary = new SyncSummary(window);
        this.ledger = ledger;
        this.drift = drift;
        this.deadLetters = deadLetters;
        this.logSummary = logSummary;
        this.progressEveryNanos = progressEvery.toNanos();
    }

    public SyncSummary summary() {
        return summary;
    }

    public SyncWindow window() {
        return window;
    }

    /** The run's breaker per scope (GitHub calls failing in a row). */
    @Override
    public ScopeBreaker breaker() {
        return breaker;
    }

    DayLedger ledger() {
        return ledger;
    }

    FieldDrift drift() {
        return drift;
    }

    List<Scope> scopes() {
        return scopes;
    }

    boolean logSummary() {
        return logSummary;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** A snapshot kind's (kind, scope) produced this entity in this run. */
    void produced(String kind, String scope, String blueprint, String identifier) {
        produced.computeIfAbsent(kind + "\t" + scope, k -> ConcurrentHashMap.newKeySet()).add(blueprint + "\t" + identifier);
    }

    /** Per "kind\tscope", the "blueprint\tidentifier" of every entity it produced. */
    Map<String, Set<String>> produced() {
        return produced;
    }

    // --- progress ---

    /** What the run planned and has done, kind by kind, and the time left. */
    RunPace pace() {
        return pace;
    }

    /** Whether progress is due now (at most once every progress interval, whichever thread asks). */
    boolean progressDue(long now) {
        long last = lastProgressNanos.get();
        return now - last >= progressEveryNanos && lastProgressNanos.compareAndSet(last, now);
    }

    // --- entities waiting for Port ---

    void pending(int entities) {
        synchronized (pendingLock) {
            pending += entities;
        }
    }

    /** Port answered for these entities (acknowledged or refused). */
    void settle(int entities) {
        synchronized (pendingLock) {
            pending -= entities;
            pendingLock.notifyAll();
        }
    }

    /** Waits until Port answered for every entity, or a local fault stopped the run; answers how many are still pending. */
    long awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pendingLock) {
            while (pending > 0 && localFault == null) {
                long now = System.nanoTime();
                long left = waitForPortBounded ? Math.min(deadline - now, waitForPortUntil - now) : deadline - now;
                if (left <= 0) {
                    return pending;
                }
                pendingLock.wait(Math.max(1, left / 1_000_000));
            }
            return 0;
        }
    }

    // --- local faults and stops ---

    /** Whether a local write fault stopped this run: nothing more of it is recorded. */
    boolean faulted() {
        return localFault != null;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * A file under DATA_DIR could not be written: the run stops within seconds (no job starts, no record is mapped,
     * no one waits for Port), with one line that names the file and the cause. Said once, whichever thread sees it.
     */
    LocalWriteException stopFor(LocalWriteException e) {
        synchronized (pendingLock) {
            if (localFault == null) {
                localFault = e;
                String message = e.getMessage() + "; the run stopped, and what it had not recorded is read again next run";
                LOG.error(message);
                summary.runFailed(message);
            }
            pendingLock.notifyAll();
        }
        return localFault;
    }

    /** Before new work: a faulted or stopping run takes none. */
    void stopIfFaulted() {
        if (localFault != null) {
            throw localFault;
        }
        if (stopping) {
            throw new RunStoppedException();
        }
    }

    /** Whether the exception is (or carries) a local write fault, which then stops the run, or the run is stopping. */
    boolean stoppedBy(Throwable e) {
        LocalWriteException fault = LocalWriteException.in(e);
        if (fault != null) {
            stopFor(fault);
        }
        return fault != null || localFault != null || stopping;
    }

    /**
     * A record handler must not take a local write fault, or the process stopping, for a bad record: it goes on
     * up, and ends the job without recording its day.
     */
    void rethrowLocalFault(Throwable e) {
        LocalWriteException fault = LocalWriteException.in(e);
        if (fault != null) {
            throw stopFor(fault);
        }
        if (stopping) {
            throw new RunStoppedException();
        }
    }

    /** A dead letter under DATA_DIR/dead-letter/; a file that cannot be written stops the run. */
    void deadLetter(String kind, String scope, String day, DeadLetters.Outcome outcome, String source, String reason, JsonNode payload) {
        try {
            deadLetters.write(kind, scope, day, outcome, source, reason, payload);
        } catch (LocalWriteException e) {
            throw stopFor(e);
        }
    }

    /**
     * The process is stopping: no job starts and no record is mapped from now on; what was mapped may still be
     * acknowledged by Port (the caller waits up to the shutdown timeout, then asks {@link #unfinished}).
     */
    public void stop() {
        stopping = true;
    }

    /**
     * An embedding application is stopping: as {@link #stop()}, and the run waits for Port's answers no longer than
     * {@code grace}, then ends, its summary saying what it leaves (the application's own shutdown timeout bounds it).
     */
    public void stop(Duration grace) {
        synchronized (pendingLock) {
            waitForPortUntil = System.nanoTime() + grace.toNanos();
            waitForPortBounded = true;
            stopping = true;
            pendingLock.notifyAll();
        }
    }

    /**
     * Whether the run is between its start and its end; a run that a stop ended early is still in progress while
     * batches it sent wait for Port's answer (a retry waiting out Port's Retry-After, say): what they hold is not done.
     */
    public boolean inProgress() {
        if (inProgress) {
            return true;
        }
        synchronized (pendingLock) {
            return stopping && pending > 0;
        }
    }

    void ended() {
        inProgress = false;
    }

    /** True the first time only: the caller ends the run. */
    boolean finishOnce() {
        return finishing.compareAndSet(false, true);
    }

    /**
     * What a run stopped in the middle leaves for the next one, in one line; null when it has ended.
     * Nothing of it was recorded final: the next run reads it again.
     */
    public String unfinished() {
        if (!inProgress()) {
            return null;
        }
        long entities;
        synchronized (pendingLock) {
            entities = pending;
        }
        List<String> open = ledger.open();
        int daysTotal = pace.units(true, true);
        int snapshotsTotal = pace.units(false, true);
        int daysLeft = Math.max(open.size(), daysTotal - pace.units(true, false));
        return "Stopped before the run ended: " + entities + " entities not acknowledged by Port, " + daysLeft + " of " + daysTotal
                + " report days and " + (snapshotsTotal - pace.units(false, false)) + " of " + snapshotsTotal + " snapshots not done"
                + (open.isEmpty() ? "" : " (begun: " + String.join(", ", open.subList(0, Math.min(5, open.size())))
                + (open.size() > 5 ? ", ..." : "") + ")")
                + "; none of it is recorded final, and the next run reads it again";
    }

    /** Short: a MappedEntity's toString names its run without printing the run's whole state. */
    @Override
    public String toString() {
        return "run " + window;
    }
}
