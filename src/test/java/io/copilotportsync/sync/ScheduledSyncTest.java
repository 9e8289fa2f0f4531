package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As a service, the Quartz trigger (SYNC_CRON) starts the same sync as --once. */
class ScheduledSyncTest {

    @Test
    void the_quartz_schedule_runs_a_sync_into_port(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_CRON", "0/1 * * * * ?");
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                standIns.env.put("MANAGEMENT_PORT", Integer.toString(free.getLocalPort()));
            }
            SyncApplication app = new SyncApplication(SyncSettings.from(standIns.env::get, true), Map.of(), Clock.systemUTC());
            Main main = app.scheduled();
            main.start();
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!app.run().summary().tallies().values().stream().anyMatch(t -> t.upserted() > 0)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                long deadline2 = System.currentTimeMillis() + 30_000;
                while (standIns.port.holdings().getOrDefault("githubCopilotUserUsage", Map.of()).size() < expectedUsers(standIns)
                        && System.currentTimeMillis() < deadline2) {
                    Thread.sleep(100);
                }
            } finally {
                main.stop();
            }
            assertEquals(expectedUsers(standIns), standIns.port.holdings().get("githubCopilotUserUsage").size());
            assertTrue(standIns.github.requests().size() > 0);
        }
    }

    private static long expectedUsers(StandIns s) {
        long enterprise = s.data.days().stream().map(s.data::enterpriseUserRows).filter(java.util.Objects::nonNull)
                .mapToLong(java.util.List::size).sum();
        return s.data.allUserRows().count() + enterprise;
    }
}
