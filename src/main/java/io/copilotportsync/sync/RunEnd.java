package io.copilotportsync.sync;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.mapping.MappingFields;
import io.copilotportsync.state.LocalWriteException;
import io.copilotportsync.state.SyncState;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of a run: what it did is recorded (unless a local fault stopped it), its figures reported, its summary told. */
public final class RunEnd {
    private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

    private final SyncState state;
    private final SyncMetrics metrics;
    private final Clock clock;

    /** @param metrics where finished runs report their figures (/observe/metrics) */
    public RunEnd(SyncState state, SyncMetrics metrics, Clock clock) {
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The run itself failed (blueprints, Port's credentials): said in the summary, unless it was a stop. */
    public void runFailed(@ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e) {
        if (run == null || run.stoppedBy(e)) {
            return;
        }
        run.summary().runFailed(SecretRedactor.redact(e == null ? "unknown error" : e.getMessage()));
    }

    /**
     * @param inSplit set when a job of the run's lanes (a split) failed to start, stopped or faulted: the run's own
     *                route goes on to wait for Port and ends the run then, once
     */
    public void finish(@ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(Exchange.SPLIT_INDEX) Integer inSplit) {
        if (run == null || inSplit != null || !run.finishOnce()) {
            return; // begin() itself failed (there is no run to end), or the run ends elsewhere
        }
        SyncSummary summary = run.summary();
        // an embedding application's stop lets the run end here (the service's process ends before): what is left, told
        String left = run.stopping() ? run.unfinished() : null;
        try {
            if (!run.faulted()) {
                state.flush();
            }
            // a stopped snapshot produced part of what it would: no ground for the next run's deletions
            if (!run.faulted() && !run.stopping()) {
                run.produced().forEach((key, now) -> {
                    String[] ks = key.split("\t", 2);
                    if (summary.tally(ks[0], ks[1]).succeeded()) {
                        state.recordProduced(ks[0], ks[1], now);
                    }
                });
            }
        } catch (LocalWriteException e) {
            run.stopFor(e);
        }
        metrics.runFinished(summary, (System.nanoTime() - run.startedNanos()) / 1_000_000, clock.instant().getEpochSecond());
        run.ended();
        if (run.stopping()) {
            summary.runFailed(left != null ? left : "the process was stopped before the run ended; what was not done is read again next run");
        }
        run.drift().unused().forEach((kind, names) -> LOG.info(MappingFields.line(kind, names)));
        if (run.logSummary()) {
            LOG.info("Sync run finished\n{}", summary.render());
        } else {
            LOG.info("Sync run finished: {}", summary.succeeded() ? "every kind succeeded" : "FAILED");
        }
    }
}
