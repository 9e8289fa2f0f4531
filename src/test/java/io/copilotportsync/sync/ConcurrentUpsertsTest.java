package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk upserts overlap with reading and mapping, PORT_CONCURRENCY of them in flight at most. */
class ConcurrentUpsertsTest {

    @Test
    void at_most_port_concurrency_bulk_requests_are_in_flight_and_more_than_one_is(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("PORT_CONCURRENCY", "3");
            PortFaults.of(standIns.port).latency(60);
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(standIns.port.maxInFlight() <= 3, "in flight: " + standIns.port.maxInFlight());
            assertTrue(standIns.port.maxInFlight() >= 2, "requests overlap: " + standIns.port.maxInFlight());
        }
    }

    @Test
    void port_concurrency_must_be_a_number_within_bounds() {
        StandIns.Run run = StandIns.run(java.util.Map.of("GITHUB_TOKEN", "t", "PORT_CLIENT_ID", "i", "PORT_CLIENT_SECRET", "s",
                "PORT_CONCURRENCY", "0"), "", "--once");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("PORT_CONCURRENCY must be a whole number from 1 to 256"), run.err());
    }
}
