package io.copilotportsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.state.SyncState.DayRecord;
import io.copilotportsync.state.SyncState.DayStatus;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which days a run asks for: the window, minus final days, plus the repairs. */
class DayPlannerTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final LocalDate EARLIEST = LocalDate.of(2025, 12, 12);

    private static LocalDate d(int day) {
        return LocalDate.of(2026, 11, day);
    }

    @Test
    void a_first_run_asks_for_the_28_days_up_to_yesterday() {
        TreeSet<LocalDate> days = DayPlanner.plan(Map.of(), null, null, TODAY, EARLIEST);
        assertEquals(28, days.size());
        assertEquals(TODAY.minusDays(1), days.last());
        assertEquals(TODAY.minusDays(28), days.first());
    }

    @Test
    void later_runs_start_after_the_last_final_day_and_repair_failed_and_provisional_days() {
        Map<LocalDate, DayRecord> known = Map.of(
                d(10), new DayRecord(DayStatus.FINAL, 1),
                d(12), new DayRecord(DayStatus.FAILED, 1),
                d(19), new DayRecord(DayStatus.FINAL, 1),
                d(20), new DayRecord(DayStatus.PROVISIONAL, 1),
                d(21), new DayRecord(DayStatus.PROVISIONAL, 1));
        assertEquals(new TreeSet<>(java.util.List.of(d(12), d(20), d(21))), DayPlanner.plan(known, null, null, TODAY, EARLIEST));
    }

    @Test
    void a_204_day_before_a_day_with_data_is_asked_again_three_times_at_most() {
        Map<LocalDate, DayRecord> gap = Map.of(d(5), new DayRecord(DayStatus.NO_DATA, 1), d(6), new DayRecord(DayStatus.FINAL, 1));
        assertTrue(DayPlanner.plan(gap, d(1), d(6), TODAY, EARLIEST).contains(d(5)));
        Map<LocalDate, DayRecord> tried = Map.of(d(5), new DayRecord(DayStatus.NO_DATA, 3), d(6), new DayRecord(DayStatus.FINAL, 1));
        assertTrue(DayPlanner.plan(tried, null, d(6), TODAY, EARLIEST).isEmpty() || !DayPlanner.plan(tried, null, d(6), TODAY, EARLIEST).contains(d(5)));
        Map<LocalDate, DayRecord> newest = Map.of(d(5), new DayRecord(DayStatus.FINAL, 1), d(6), new DayRecord(DayStatus.NO_DATA, 1));
        assertFalse(DayPlanner.plan(newest, null, d(6), TODAY, EARLIEST).contains(d(6)), "no newer day had data: not a gap");
    }

    @Test
    void an_explicit_window_skips_its_final_days_and_nothing_precedes_what_github_serves() {
        Map<LocalDate, DayRecord> known = Map.of(d(2), new DayRecord(DayStatus.FINAL, 1));
        assertEquals(new TreeSet<>(java.util.List.of(d(1), d(3))), DayPlanner.plan(known, d(1), d(3), TODAY, EARLIEST));
        TreeSet<LocalDate> backfill = DayPlanner.plan(Map.of(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), TODAY, EARLIEST);
        assertEquals(LocalDate.of(2025, 12, 12), backfill.first());
    }

    @Test
    void the_days_of_the_latest_28_day_report_are_read_from_it_when_a_plan_needs_at_least_14_of_them() {
        TreeSet<LocalDate> first = DayPlanner.plan(Map.of(), null, null, TODAY, EARLIEST);
        TreeSet<LocalDate> latest = DayPlanner.fromLatestReport(first, TODAY);
        assertEquals(27, latest.size(), "yesterday is not in the latest report yet: it is read from its daily report");
        assertEquals(TODAY.minusDays(28), latest.first());
        assertEquals(TODAY.minusDays(2), latest.last());
        TreeSet<LocalDate> lastWeek = DayPlanner.plan(Map.of(), TODAY.minusDays(7), null, TODAY, EARLIEST);
        assertTrue(DayPlanner.fromLatestReport(lastWeek, TODAY).isEmpty(), "a few days are cheaper one by one than 28 days of rows");
        TreeSet<LocalDate> backfill = DayPlanner.plan(Map.of(), LocalDate.of(2026, 6, 1), null, TODAY, EARLIEST);
        assertEquals(28, DayPlanner.fromLatestReport(backfill, TODAY).size(), "older days stay daily");
    }

    @Test
    void days_that_failed_are_not_asked_of_the_28_day_report_again() {
        TreeSet<LocalDate> first = DayPlanner.plan(Map.of(), null, null, TODAY, EARLIEST);
        Map<LocalDate, DayRecord> failed = new java.util.HashMap<>();
        first.forEach(day -> failed.put(day, new DayRecord(DayStatus.FAILED, 1)));
        TreeSet<LocalDate> again = DayPlanner.plan(failed, null, null, TODAY, EARLIEST);
        assertEquals(first, again, "every failed day is asked again");
        assertTrue(DayPlanner.fromLatestReport(again, failed, TODAY).isEmpty(), "each from its daily report");
        Map<LocalDate, DayRecord> threeFailed = new java.util.HashMap<>();
        first.stream().limit(3).forEach(day -> threeFailed.put(day, new DayRecord(DayStatus.FAILED, 1)));
        TreeSet<LocalDate> expected = DayPlanner.fromLatestReport(first, TODAY);
        expected.removeAll(threeFailed.keySet());
        assertEquals(expected, DayPlanner.fromLatestReport(first, threeFailed, TODAY), "the other days still from the 28-day report");
    }
}
