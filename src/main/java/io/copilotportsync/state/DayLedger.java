package io.copilotportsync.state;

import io.copilotportsync.state.SyncState.DayStatus;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days of the run in progress: a day is recorded done only when its files were read to the end and Port
 * acknowledged every entity of it (batches complete on other threads, so either event may come last), each record
 * delivered or dropped on purpose by the mapping. A day with any failure (a record that could not be read, shaped,
 * mapped or delivered, or the day's read itself) is recorded FAILED, and asked again next run.
 */
public final class DayLedger {
    private final SyncState state;
    private final LocalDate lastFinalDay;
    private final Map<String, Day> days = new ConcurrentHashMap<>();

    private static final class Day {
        final String kind;
        final String scope;
        final LocalDate date;
        int pending;
        boolean read;
        boolean failed;
        boolean recorded;

        Day(String kind, String scope, LocalDate date) {
            this.kind = kind;
            this.scope = scope;
            this.date = date;
        }
    }

    public DayLedger(SyncState state, LocalDate lastFinalDay) {
        this.state = state;
        this.lastFinalDay = lastFinalDay;
    }

    private Day day(String kind, String scope, String day) {
        return days.computeIfAbsent(kind + "\t" + scope + "\t" + day, k -> new Day(kind, scope, LocalDate.parse(day)));
    }

    public void mapped(String kind, String scope, String day, int entities) {
        if (day == null || entities == 0) {
            return;
        }
        Day d = day(kind, scope, day);
        synchronized (d) {
            d.pending += entities;
        }
    }

    public void acknowledged(String kind, String scope, String day) {
        settle(kind, scope, day, false);
    }

    public void rejected(String kind, String scope, String day) {
        settle(kind, scope, day, true);
    }

    private void settle(String kind, String scope, String day, boolean failed) {
        if (day == null) {
            return;
        }
        Day d = day(kind, scope, day);
        synchronized (d) {
            d.pending--;
            d.failed |= failed;
            complete(d);
        }
    }

    /** Every file of the day was read (the entities may still be on their way to Port). */
    public void read(String kind, String scope, String day) {
        Day d = day(kind, scope, day);
        synchronized (d) {
            d.read = true;
            complete(d);
        }
    }

    public void noData(String kind, String scope, String day) {
        Day d = day(kind, scope, day);
        synchronized (d) {
            if (!d.recorded) {
                d.recorded = true;
                state.recordDay(kind, scope, d.date, d.date.isAfter(lastFinalDay) ? DayStatus.PROVISIONAL : DayStatus.NO_DATA);
            }
        }
    }

    /**
     * GitHub answered for the day with nothing to read (a manifest that lists no files, or is not JSON): recorded
     * provisional, as a day younger than GitHub's readiness lag is, so that the next run asks again. Not a failure.
     */
    public void askAgain(String kind, String scope, String day) {
        Day d = day(kind, scope, day);
        synchronized (d) {
            if (!d.recorded) {
                d.recorded = true;
                state.recordDay(kind, scope, d.date, DayStatus.PROVISIONAL);
            }
        }
    }

    /**
     * A record of the day could not be read, shaped, mapped or delivered: the day will not be final, whatever else
     * of it arrives, and is asked again next run.
     */
    public void recordFailed(String kind, String scope, String day) {
        Day d = day(kind, scope, day);
        synchronized (d) {
            d.failed = true;
            complete(d);
        }
    }

    /** The day as a whole failed (its manifest or a file could not be read): it is over, and not final. */
    public void failed(String kind, String scope, String day) {
        Day d = day(kind, scope, day);
        synchronized (d) {
            d.failed = true;
            d.read = true;
            complete(d);
        }
    }

    /** The days this run began and has not recorded (read only in part, or entities still unacknowledged). */
    public java.util.List<String> open() {
        return days.values().stream().filter(d -> {
            synchronized (d) {
                return !d.recorded;
            }
        }).map(d -> d.kind + " " + d.scope + " " + d.date).sorted().toList();
    }

    private void complete(Day d) {
        if (d.recorded || !d.read || d.pending > 0) {
            return;
        }
        d.recorded = true;
        DayStatus status = d.failed ? DayStatus.FAILED : d.date.isAfter(lastFinalDay) ? DayStatus.PROVISIONAL : DayStatus.FINAL;
        state.recordDay(d.kind, d.scope, d.date, status);
    }
}
