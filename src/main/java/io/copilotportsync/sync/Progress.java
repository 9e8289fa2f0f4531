package io.copilotportsync.sync;

import io.copilotportsync.flow.PropertyNames;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a run has done: report days read (with records or without), jobs over, and every few seconds a progress line. */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** A job is over: every few seconds, the report days and snapshots done and about how long the run has to go. */
    public void jobDone(@ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.RUN) RunState run,
                        @ExchangeProperty(PropertyNames.JOB_STARTED) Long started) {
        long now = System.nanoTime();
        RunPace pace = run.pace();
        int[] soFar = job == null ? new int[] {pace.units(true, false), pace.units(false, false)}
                : pace.done(job.kind(), Math.max(1, JobPlanner.reportDays(job)), started == null ? 0 : now - started);
        int daysTotal = pace.units(true, true);
        int snapshotsTotal = pace.units(false, true);
        int done = soFar[0] + soFar[1];
        int total = daysTotal + snapshotsTotal;
        if (done >= total || !run.progressDue(now)) {
            return;
        }
        long left = pace.secondsLeft();
        long records = 0;
        long sent = 0;
        for (SyncSummary.Tally t : run.summary().tallies().values()) {
            records += t.recordsRead();
            sent += t.upserted();
        }
        // days and snapshots make the estimate (each is a known share of the work); records say the pace in between
        LOG.info("Progress: {} of {} report days and {} of {} snapshots done ({}%), at {} {}{}; {} records read, {} entities "
                        + "acknowledged by Port; {}", soFar[0], daysTotal,
                soFar[1], snapshotsTotal, done * 100 / Math.max(1, total),
                job == null ? "" : job.kind(), job == null ? "" : job.scope().label(), job == null || job.day() == null ? "" : " " + job.day(),
                records, sent, left < 0 ? "time left not known until each lane has finished a job"
                        : "about " + (left >= 120 ? (left / 60) + " min" : left + " s") + " left");
    }

    /** GitHub has no data for the job's day (a 204, or a day without usage items). */
    public void noData(@ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(PropertyNames.KIND) String kind,
                       @ExchangeProperty(PropertyNames.SCOPE) String scope, @ExchangeProperty(PropertyNames.DAY) String day) {
        run.summary().dayDone(kind, scope);
        run.summary().dayWithoutData(kind, scope);
        run.ledger().noData(kind, scope, day);
    }

    /** Every record of the job's day went to mapping: the day is final once Port acknowledged its entities. */
    public void dayRead(@ExchangeProperty(PropertyNames.RUN) RunState run,
                        @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                        @ExchangeProperty(PropertyNames.DAY) String day) {
        run.summary().dayDone(kind, scope);
        run.ledger().read(kind, scope, day);
    }
}
