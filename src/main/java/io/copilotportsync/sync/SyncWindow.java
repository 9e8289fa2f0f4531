package io.copilotportsync.sync;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The inclusive range of days a run asks GitHub for. */
public record SyncWindow(LocalDate start, LocalDate end) {
    /** GitHub's daily reports are ready within two full UTC days. */
    public static final int READINESS_LAG_DAYS = 2;
    public static final int DEFAULT_DAYS = 28;

    /** The configured window, or by default the last 28 days that GitHub can have ready. */
    public static SyncWindow of(LocalDate configuredStart, LocalDate configuredEnd, Clock clock) {
        LocalDate end = configuredEnd != null ? configuredEnd : LocalDate.now(clock).minusDays(READINESS_LAG_DAYS);
        LocalDate start = configuredStart != null ? configuredStart : end.minusDays(DEFAULT_DAYS - 1L);
        return new SyncWindow(start, end);
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
