package io.copilotportsync.state;

import io.copilotportsync.state.SyncState.DayRecord;
import io.copilotportsync.state.SyncState.DayStatus;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which days a run asks GitHub for, for one daily kind and scope: the window (SYNC_START_DAY..SYNC_END_DAY, or from
 * the day after the last final day, 28 days back on a first run, to yesterday), without the days already final,
 * plus the repairs: failed days, provisional days (younger than GitHub's readiness lag when read), and days
 * that answered 204 while a newer day had data (asked up to three times). Nothing before the earliest day
 * GitHub serves.
 */
public final class DayPlanner {
    public static final int FIRST_RUN_DAYS = 28;
    public static final int READINESS_LAG_DAYS = 2;
    public static final int RETENTION_DAYS = 365;
    static final int NO_DATA_ATTEMPTS = 3;
    /** The days GitHub's 28-day/latest reports hold, ending on the newest settled day. */
    public static final int LATEST_REPORT_DAYS = 28;
    /**
     * A 28-day report is read instead of the daily ones when a plan needs at least this many of its days: one
     * manifest instead of 14 or more, while a run that misses a day or two does not download 28 days of rows.
     */
    public static final int LATEST_REPORT_MIN_DAYS = 14;

    private DayPlanner() {
    }

    /** The newest day whose data GitHub has settled: older days are final once written. */
    public static LocalDate lastFinalDay(LocalDate today) {
        return today.minusDays(READINESS_LAG_DAYS);
    }

    public static TreeSet<LocalDate> plan(Map<LocalDate, DayRecord> known, LocalDate start, LocalDate end, LocalDate today,
                                          LocalDate earliestServed) {
        LocalDate last = end != null ? end : today.minusDays(1);
        LocalDate settledBefore = lastFinalDay(today);
        LocalDate newestWithData = known.entrySet().stream()
                .filter(e -> e.getValue().status() == DayStatus.FINAL || e.getValue().status() == DayStatus.PROVISIONAL)
                .map(Map.Entry::getKey).max(LocalDate::compareTo).orElse(null);
        LocalDate first = start;
        if (first == null) {
            // settled: final, or a 204 old enough that GitHub had its readiness lag to produce the report
            LocalDate lastSettled = known.entrySet().stream().filter(e -> settled(e.getKey(), e.getValue(), settledBefore))
                    .map(Map.Entry::getKey).max(LocalDate::compareTo).orElse(null);
            first = lastSettled != null ? lastSettled.plusDays(1) : last.minusDays(FIRST_RUN_DAYS - 1L);
        }
        LocalDate floor = earliestServed.isAfter(today.minusDays(RETENTION_DAYS)) ? earliestServed : today.minusDays(RETENTION_DAYS);
        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d = first.isBefore(floor) ? floor : first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        known.forEach((day, r) -> {
            if (day.isBefore(floor) || day.isAfter(last)) {
                return;
            }
            boolean gap = r.status() == DayStatus.NO_DATA && newestWithData != null && day.isBefore(newestWithData)
                    && r.attempts() < NO_DATA_ATTEMPTS;
            if (r.status() == DayStatus.FAILED || r.status() == DayStatus.PROVISIONAL || gap) {
                days.add(day);
            }
        });
        known.forEach((day, r) -> {
            boolean gap = r.status() == DayStatus.NO_DATA && newestWithData != null && day.isBefore(newestWithData)
                    && r.attempts() < NO_DATA_ATTEMPTS;
            if (settled(day, r, settledBefore) && !gap) {
                days.remove(day);
            }
        });
        return days;
    }

    /**
     * The planned days that the latest 28-day report holds (28 days up to the last final day), when there are enough
     * of them to read that report instead of the daily ones; else none.
     */
    public static TreeSet<LocalDate> fromLatestReport(TreeSet<LocalDate> planned, LocalDate today) {
        return fromLatestReport(planned, Map.of(), today);
    }

    /**
     * As above, leaving out the days that failed before: a 28-day report that failed them (a line over the limit, a
     * file that breaks off) is the same file next run and would fail them every run; their daily reports are other
     * files, each day on its own.
     */
    public static TreeSet<LocalDate> fromLatestReport(TreeSet<LocalDate> planned, Map<LocalDate, DayRecord> known, LocalDate today) {
        LocalDate end = lastFinalDay(today);
        TreeSet<LocalDate> days = new TreeSet<>(planned.subSet(end.minusDays(LATEST_REPORT_DAYS - 1L), true, end, true));
        days.removeIf(day -> known.containsKey(day) && known.get(day).status() == DayStatus.FAILED);
        return days.size() >= LATEST_REPORT_MIN_DAYS ? days : new TreeSet<>();
    }

    private static boolean settled(LocalDate day, DayRecord r, LocalDate settledBefore) {
        return r.status() == DayStatus.FINAL || r.status() == DayStatus.NO_DATA && !day.isAfter(settledBefore);
    }
}
