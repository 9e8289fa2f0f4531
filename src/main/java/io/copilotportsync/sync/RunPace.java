package io.copilotportsync.sync;

import java.util.HashMap;
import java.util.Map;

/**
 * What a run planned and has done, kind by kind (report days, a 28-day report as its days, and snapshots), and how
 * long the rest will take, from how long each kind's jobs have taken so far. A run's days are not alike:
 * an organization's totals are one record a day, its users thousands, so "days done out of days planned" alone
 * promised a backfill's end far too early. Each kind's days left are priced at that kind's own time a day; a kind not
 * begun yet at the slowest time a day seen in its lane (until its first day is over, the estimate may be short). A
 * lane with work left and nothing done yet has no price at all: a seat snapshot's time says nothing of a report
 * day's, so the time left is not known until each lane has finished something. The two lanes (report days,
 * snapshots) run side by side, so the run's time left is the longer of the two.
 */
final class RunPace {
    private static final class Kind {
        final boolean reportDays;
        int planned;
        int done;
        long nanos;

        Kind(boolean reportDays) {
            this.reportDays = reportDays;
        }

        double nanosPerUnit() {
            return done == 0 ? -1 : (double) nanos / done;
        }
    }

    private final Map<String, Kind> kinds = new HashMap<>();

    /** The run will read this many units of the kind: report days (a 28-day report as its days), or one snapshot. */
    synchronized void planned(String kind, boolean reportDays, int units) {
        kinds.computeIfAbsent(kind, k -> new Kind(reportDays)).planned += units;
    }

    /** A job of the kind is over: it read this many units in this time. Answers the report days and snapshots done. */
    synchronized int[] done(String kind, int units, long nanos) {
        Kind k = kinds.get(kind);
        if (k != null) {
            k.done += units;
            k.nanos += nanos;
        }
        return new int[] {units(true, false), units(false, false)};
    }

    /** Report days (true) or snapshots (false), planned or done. */
    synchronized int units(boolean reportDays, boolean planned) {
        int units = 0;
        for (Kind k : kinds.values()) {
            if (k.reportDays == reportDays) {
                units += planned ? k.planned : k.done;
            }
        }
        return units;
    }

    /** The seconds the run still needs, or -1 while a lane with work left has finished nothing to price it by. */
    synchronized long secondsLeft() {
        double reportLane = laneLeft(true);
        double snapshotLane = laneLeft(false);
        if (reportLane < 0 || snapshotLane < 0) {
            return -1;
        }
        return Math.round(Math.max(reportLane, snapshotLane) / 1e9);
    }

    /** The lane's nanoseconds left, or -1 when it has work left and no kind of it has finished a unit. */
    private double laneLeft(boolean reportDays) {
        double slowestInLane = -1;
        for (Kind k : kinds.values()) {
            if (k.reportDays == reportDays) {
                slowestInLane = Math.max(slowestInLane, k.nanosPerUnit());
            }
        }
        double left = 0;
        for (Kind k : kinds.values()) {
            if (k.reportDays != reportDays || k.done >= k.planned) {
                continue;
            }
            if (k.done == 0 && slowestInLane < 0) {
                return -1;
            }
            left += (k.planned - k.done) * (k.done > 0 ? k.nanosPerUnit() : slowestInLane);
        }
        return left;
    }
}
