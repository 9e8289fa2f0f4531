package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The time a run has left is priced kind by kind: a backfill's cheap organization days must not make its user days
 * look as cheap, a kind not begun is priced at the slowest seen, and the two lanes run side by side.
 */
class RunPaceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void cheap_days_of_one_kind_do_not_make_the_days_of_a_heavier_kind_look_cheap() {
        RunPace pace = new RunPace();
        pace.planned("organization-usage-metrics", true, 300);
        pace.planned("user-usage-metrics", true, 300);
        for (int d = 0; d < 300; d++) {
            pace.done("organization-usage-metrics", 1, SECOND / 10);
        }
        // half the days done in 30 s; "days left x time so far a day" would say 30 s. The user kind has not begun:
        // priced at the slowest day seen (0.1 s) until one of its own is over
        assertEquals(30, pace.secondsLeft());
        pace.done("user-usage-metrics", 1, 2 * SECOND);
        assertEquals(299 * 2, pace.secondsLeft(), "the user kind's own time a day prices its 299 days left");
    }

    @Test
    void the_lanes_run_side_by_side_so_the_longer_one_is_the_time_left() {
        RunPace pace = new RunPace();
        pace.planned("user-usage-metrics", true, 10);
        pace.planned("copilot-seats", false, 1);
        pace.planned("copilot-billing", false, 1);
        pace.done("user-usage-metrics", 1, 3 * SECOND);
        assertEquals(-1, pace.secondsLeft(), "no snapshot is over: a report day's time says nothing of a snapshot's");
        pace.done("copilot-seats", 1, 100 * SECOND);
        assertEquals(100, pace.secondsLeft(), "billing priced as the slowest snapshot seen, 100 s > the report lane's 27 s");
        pace.done("copilot-billing", 1, SECOND);
        assertEquals(27, pace.secondsLeft(), "the snapshots are over: the report lane's 9 days at 3 s");
    }

    @Test
    void nothing_done_yet_is_not_a_figure() {
        RunPace pace = new RunPace();
        pace.planned("user-usage-metrics", true, 10);
        assertEquals(-1, pace.secondsLeft());
    }
}
