package io.copilotportsync.sync;

import java.util.HashMap;
import java.util.Map;

/**
 * How long the rest of a run will take, from how long each kind's jobs have taken so far. A run's days are not alike:
 * an organization's totals are one record a day, its users thousands, so "days done out of days planned" alone
 * promised a backfill's end far too early. Each kind's days left are priced at that kind's own time a day; a kind not
 * begun yet at the slowest time a day seen in its lane (until its first day is over, the estimate may be short). The two lanes
 * (report days, snapshots) run side by side, so the run's time left is the longer of the two.
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

    /** A job of the kind is over: it read this many units in this time. */
    synchronized void done(String kind, int units, long nanos) {
        Kind k = kinds.get(kind);
        if (k != null) {
            k.done += units;
            k.nanos += nanos;
        }
    }

    /** The seconds the run still needs, or -1 while no job is over (nothing to price the rest by). */
    synchronized long secondsLeft() {
        double slowestOverall = slowest(null);
        if (slowestOverall < 0) {
            return -1;
        }
        double reportLane = laneLeft(true, slowestOverall);
        double snapshotLane = laneLeft(false, slowestOverall);
        return Math.round(Math.max(reportLane, snapshotLane) / 1e9);
    }

    private double laneLeft(boolean reportDays, double slowestOverall) {
        double slowestInLane = slowest(reportDays);
        double left = 0;
        for (Kind k : kinds.values()) {
            if (k.reportDays != reportDays || k.done >= k.planned) {
                continue;
            }
            double perUnit = k.done > 0 ? k.nanosPerUnit() : slowestInLane >= 0 ? slowestInLane : slowestOverall;
            left += (k.planned - k.done) * perUnit;
        }
        return left;
    }

    /** The slowest time a unit among the kinds of a lane (null: every lane) that have done any, or -1. */
    private double slowest(Boolean reportDays) {
        double slowest = -1;
        for (Kind k : kinds.values()) {
            if (reportDays == null || k.reportDays == reportDays) {
                slowest = Math.max(slowest, k.nanosPerUnit());
            }
        }
        return slowest;
    }
}
