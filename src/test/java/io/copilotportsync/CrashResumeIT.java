package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar killed with SIGKILL in the middle of a run: the next run finishes the job, Port ends as after
 * a clean run, and no day the killed run had recorded final is read again.
 */
class CrashResumeIT {

    private static Process start(Map<String, String> env, Path log) throws Exception {
        return io.copilotportsync.support.Jar.start(env, log, "--once");
    }

    @Test
    void a_run_killed_mid_way_is_finished_by_the_next_without_reading_final_days_again(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("crash"))) {
            PortFaults.of(standIns.port).latency(150);
            Process first = start(standIns.env, dir.resolve("first.log"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (standIns.port.bulkRequests() < 8 && System.currentTimeMillis() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "the run is still going when it is killed:\n" + Files.readString(dir.resolve("first.log")));
            first.destroyForcibly();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            assertFalse(standIns.port.holdings().equals(clean), "the killed run did not finish");

            Path days = dir.resolve("crash/state/days.log");
            List<String[]> finalDays = new ArrayList<>();
            if (Files.exists(days)) {
                for (String line : Files.readAllLines(days)) {
                    String[] f = line.split("\t");
                    if (f.length == 5 && f[3].equals("FINAL")) {
                        finalDays.add(f);
                    }
                }
            }
            int seen = standIns.github.requests().size();
            PortFaults.of(standIns.port).latency(0);
            Process second = start(standIns.env, dir.resolve("second.log"));
            assertTrue(second.waitFor(3, TimeUnit.MINUTES));
            assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));
            assertEquals(clean, standIns.port.holdings(), "Port ends as after a clean run");

            List<StandInServer.Request> again = standIns.github.requests().subList(seen, standIns.github.requests().size());
            assertFalse(finalDays.isEmpty(), "the killed run had finished some days");
            for (String[] f : finalDays) {
                String report = switch (f[0]) {
                    case "organization-usage-metrics" -> "/orgs/" + f[1] + "/copilot/metrics/reports/organization-1-day";
                    case "team-usage-metrics" -> f[1].startsWith("enterprise:") ? null : "/orgs/" + f[1] + "/copilot/metrics/reports/user-teams-1-day";
                    default -> null;
                };
                if (report != null) {
                    assertTrue(again.stream().noneMatch(r -> r.path().equals(report) && ("day=" + f[2]).equals(r.query())),
                            "final day read again: " + String.join(" ", f));
                }
            }
        }
    }
}
