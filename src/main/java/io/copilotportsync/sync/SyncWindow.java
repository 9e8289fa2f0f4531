package io.copilotportsync.sync;

import java.time.Clock;
import io.copilotportsync.state.DayPlanner;
import java.time.LocalDate;

/**
 * The inclusive range of days a run covers: what the summary names and the legacy kinds ask for (since/until).
 * Which days of the daily reports are read is {@link io.copilotportsync.state.DayPlanner}'s decision within it.
 */
public record SyncWindow(LocalDate start, LocalDate end) {

    /** The configured window, or by default the 28 days up to yesterday. */
    public static SyncWindow of(LocalDate configuredStart, LocalDate configuredEnd, Clock clock) {
        LocalDate end = configuredEnd != null ? configuredEnd : LocalDate.now(clock).minusDays(1);
        LocalDate start = configuredStart != null ? configuredStart : end.minusDays(DayPlanner.FIRST_RUN_DAYS - 1L);
        return new SyncWindow(start, end);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
