package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.Jar;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar while Port is down: the run takes no new work, gives the batches in flight the
 * shutdown timeout, says in one line how much is left for the next run, and records nothing final that Port did
 * not acknowledge; the next run, with Port back, completes it.
 */
class ShutdownTellsTheTruthIT {

    @Test
    void sigterm_during_a_port_outage_leaves_the_unacknowledged_days_not_final_and_says_so(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("SHUTDOWN_TIMEOUT", "3");
            // Port asks for a minute each time: no batch gives up (and ends the run) before the stop
            Faults.of(standIns.port).inject("/v1/blueprints/[^/]+/entities/bulk", 1_000_000, 503, Map.of("Retry-After", "60"),
                    "{\"ok\":false,\"error\":\"service_unavailable\"}");
            Path log = dir.resolve("first.log");
            Process first = Jar.start(standIns.env, log, "--once");
            long deadline = System.currentTimeMillis() + 60_000;
            while (standIns.port.faultsGiven() < 4 && System.currentTimeMillis() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "still running in the outage:\n" + Files.readString(log));
            long stopped = System.nanoTime();
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "ends after its shutdown timeout:\n" + Files.readString(log));
            assertTrue(System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(20), "within the timeout and a little");
            String output = Files.readString(log);
            assertTrue(output.matches("(?s).*Stopped before the run ended: [1-9]\\d* entities not acknowledged by Port, [1-9]\\d* of \\d+ "
                    + "report days and \\d+ of \\d+ snapshots not done.*the next run reads it again.*"), output);
            Path days = dir.resolve("data/state/days.log");
            if (Files.exists(days)) {
                for (String line : Files.readAllLines(days)) {
                    assertTrue(!line.split("\t")[3].equals("FINAL") && !line.split("\t")[3].equals("PROVISIONAL"),
                            "recorded done although Port acknowledged nothing: " + line);
                }
            }

            Faults.of(standIns.port).clearFaults();
            Process second = Jar.start(standIns.env, dir.resolve("second.log"), "--once");
            assertTrue(second.waitFor(3, TimeUnit.MINUTES));
            assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));
            assertEquals(clean, standIns.port.holdings());
        }
    }
}
