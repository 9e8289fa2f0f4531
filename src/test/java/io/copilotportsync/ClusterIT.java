package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.StandIns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: two replicas of the packaged jar on one PostgreSQL (started by the test). Each tick of the schedule
 * runs once across both; killing the replica in the middle of a run lets the other recover it; what one wrote
 * (days, hashes) the other reads.
 */
class ClusterIT {
    private static final Pattern TICK = Pattern.compile("Sync run for the tick of (.+?) on ");

    private static Process node(Map<String, String> env, Path log) throws Exception {
        return io.copilotportsync.support.Jar.start(env, log);
    }

    private static List<String> ticks(Path log) throws Exception {
        List<String> ticks = new ArrayList<>();
        if (Files.exists(log)) {
            Matcher m = TICK.matcher(Files.readString(log));
            while (m.find()) {
                ticks.add(m.group(1));
            }
        }
        return ticks;
    }

    private static int seconds(String fireTime) {
        Matcher m = Pattern.compile("\\d{2}:\\d{2}:(\\d{2})").matcher(fireTime);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static long count(Path log, String text) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
    }

    @Test
    void each_tick_runs_once_across_replicas_and_a_killed_replicas_run_is_recovered_by_the_other(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); StandIns standIns = new StandIns(dir.resolve("unused"))) {
            Map<String, String> env = new HashMap<>(standIns.env);
            env.put("SYNC_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres").replace("?user=postgres", ""));
            env.put("SYNC_DATABASE_USER", "postgres");
            env.put("SYNC_DATABASE_PASSWORD", "postgres");
            env.put("SYNC_CRON", "0/20 * * * * ?");
            PortFaults.of(standIns.port).latency(400);   // a run long enough to be killed in the middle
            Path logA = dir.resolve("a.log");
            Path logB = dir.resolve("b.log");
            env.put("DATA_DIR", dir.resolve("a").toString());
            Process a = node(env, logA);
            env.put("DATA_DIR", dir.resolve("b").toString());
            Process b = node(env, logB);
            try {
                // the first tick: one replica runs it; kill that one in the middle of its run
                long deadline = System.currentTimeMillis() + 90_000;
                while (count(logA, "Sync run started") + count(logB, "Sync run started") == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                boolean aRuns = count(logA, "Sync run started") > 0;
                Process victim = aRuns ? a : b;
                Path survivorLog = aRuns ? logB : logA;
                while (standIns.port.bulkRequests() < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                victim.destroyForcibly();
                victim.waitFor(10, TimeUnit.SECONDS);
                assertTrue(!standIns.port.holdings().equals(clean), "the killed run had not finished");
                PortFaults.of(standIns.port).latency(0);
                // the survivor recovers the killed run (or runs the next tick) and finishes it
                while (count(survivorLog, "Sync run finished") == 0 && System.currentTimeMillis() < deadline + 60_000) {
                    Thread.sleep(200);
                }
                assertTrue(count(survivorLog, "Sync run finished") > 0, Files.readString(survivorLog));
                // a service keeps Camel's lifecycle log, which operators read (one-shot commands leave it out)
                assertTrue(count(survivorLog, "Routes startup") > 0, Files.readString(survivorLog));
                assertEquals(clean, standIns.port.holdings(), "Port ends as after a clean run");
                List<String> all = new ArrayList<>(ticks(logA));
                all.addAll(ticks(logB));
                List<String> killedTick = ticks(aRuns ? logA : logB);
                List<String> survivorTicks = ticks(survivorLog);
                // a recovered run fires at once, off the schedule's 20-second grid
                assertTrue(survivorTicks.stream().anyMatch(t -> seconds(t) % 20 != 0), "the survivor recovered the killed run: "
                        + survivorTicks + "\n" + Files.readString(survivorLog));
                // a tick that was not recovered from a dead replica ran on exactly one replica
                List<String> live = new ArrayList<>(all);
                killedTick.forEach(live::remove);
                assertEquals(live.stream().distinct().count(), live.size(), "no tick ran twice: " + all);
            } finally {
                a.destroyForcibly();
                b.destroyForcibly();
            }
            try (Connection c = pg.getPostgresDatabase().getConnection();
                 ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM sync_days WHERE status = 'FINAL'")) {
                r.next();
                assertTrue(r.getInt(1) > 0, "the days are recorded in the shared database");
            }
        }
    }
}
