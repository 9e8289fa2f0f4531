package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.sandbox.PortRateWindow;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Port limits requests per organization in a fixed window and says so on every answer: the sync reads that budget,
 * on every thread that sends, instead of running into the limit; without usable headers it waits out the 429s.
 */
class PortPacingTest {
    /** Short windows keep the test fast; the limit is small enough that a run spans several of them. */
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final int LIMIT = 8;
    /** Where only the entity requests are meant to meet the limit, blueprint calls get a limit they do not reach. */
    private static final int GENEROUS = 100;

    @ParameterizedTest
    @EnumSource(value = PortRateWindow.Headers.class, names = {"SECONDS_LEFT", "EPOCH_SECONDS"})
    void a_run_over_several_windows_gets_at_most_one_429_a_window_and_loses_nothing(PortRateWindow.Headers shape,
            @TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir.resolve("paced"))) {
            standIns.env.put("PORT_CONCURRENCY", "8");
            PortFaults.of(standIns.port).latency(20);
            standIns.port.rateWindow().limit(LIMIT, PERIOD);
            standIns.port.rateWindow().headers(shape);
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            List<PortRateWindow.Window> entityWindows = windows(standIns, "entities");
            assertTrue(entityWindows.size() >= 3, "the run spans several windows: " + describe(entityWindows));
            for (PortRateWindow.Window w : standIns.port.rateWindow().windows()) {
                assertTrue(w.refused() <= 1, "at most one 429 a window: " + describe(standIns.port.rateWindow().windows()));
            }
            // 8 threads share one budget: a thread that counted only its own requests would send 8 times too many
            assertTrue(standIns.port.maxInFlight() >= 2, "requests overlap: " + standIns.port.maxInFlight());
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), standIns.port.holdings());
        }
    }

    @Test
    void the_budget_is_the_one_port_states_when_another_client_of_the_organization_spends_part_of_it(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir.resolve("paced"))) {
            standIns.env.put("PORT_CONCURRENCY", "8");
            PortFaults.of(standIns.port).latency(20);
            standIns.port.rateWindow().limit(LIMIT, GENEROUS, PERIOD);
            // another integration takes half of every window: only what Port says is left may be sent
            standIns.port.rateWindow().othersTake(LIMIT / 2);
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            List<PortRateWindow.Window> all = standIns.port.rateWindow().windows();
            for (PortRateWindow.Window w : all) {
                assertTrue(w.refused() <= 1, "at most one 429 a window: " + describe(all));
            }
            List<PortRateWindow.Window> entityWindows = windows(standIns, "entities");
            for (PortRateWindow.Window w : entityWindows) {
                assertTrue(w.accepted() <= LIMIT - LIMIT / 2, "the sync took only what was left: " + describe(entityWindows));
            }
            assertTrue(entityWindows.size() >= 3, "the run spans several windows: " + describe(entityWindows));
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), standIns.port.holdings());
        }
    }

    @ParameterizedTest
    @EnumSource(value = PortRateWindow.Headers.class, names = {"MISSING", "MALFORMED"})
    void without_usable_rate_limit_headers_429s_are_waited_out_as_retry_after_says(PortRateWindow.Headers shape,
            @TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir.resolve("unpaced"))) {
            standIns.env.put("PORT_CONCURRENCY", "4");
            PortFaults.of(standIns.port).latency(20);
            // as many as the threads in flight: each thread that met a 429 gets through after the reset
            standIns.port.rateWindow().limit(LIMIT, GENEROUS, PERIOD);
            standIns.port.rateWindow().headers(shape);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());

            int refused = standIns.port.rateWindow().windows().stream().mapToInt(PortRateWindow.Window::refused).sum();
            assertTrue(refused > 0, "nothing paced the requests, so some ran into the limit: "
                    + describe(standIns.port.rateWindow().windows()));
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), standIns.port.holdings());
        }
    }

    private static List<PortRateWindow.Window> windows(StandIns standIns, String budget) {
        return standIns.port.rateWindow().windows().stream().filter(w -> w.budget().equals(budget)).toList();
    }

    private static String describe(List<PortRateWindow.Window> windows) {
        return windows.stream().map(w -> w.budget() + " " + w.accepted() + " accepted, " + w.refused() + " refused")
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
