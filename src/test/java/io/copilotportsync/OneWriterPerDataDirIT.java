package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.Jar;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes of the packaged jar on one DATA_DIR: the second stops at once naming the first (its pid), and once
 * the first is killed with SIGKILL, its lock is gone with it and a new process syncs.
 */
class OneWriterPerDataDirIT {

    @Test
    void a_second_process_is_refused_and_after_kill_9_of_the_first_a_new_one_runs(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            PortFaults.of(standIns.port).latency(2_000);
            Path lockFile = dir.resolve("data/state/sync.lock");
            Process first = Jar.start(standIns.env, dir.resolve("first.log"), "--once");
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!(Files.exists(lockFile) && Files.readString(lockFile).startsWith("pid " + first.pid()))
                        && first.isAlive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(first.isAlive(), "the first run holds the directory:\n" + Files.readString(dir.resolve("first.log")));

                Process second = Jar.start(standIns.env, dir.resolve("second.log"), "--once");
                assertTrue(second.waitFor(20, TimeUnit.SECONDS), "the second process stops at once");
                String refusal = Files.readString(dir.resolve("second.log"));
                assertEquals(2, second.exitValue(), refusal);
                assertTrue(refusal.contains("configuration error: DATA_DIR " + dir.resolve("data/state") + " is in use by pid "
                        + first.pid() + " on host "), refusal);
                assertTrue(first.isAlive(), "the first run was not disturbed");
            } finally {
                first.destroyForcibly();
                assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            }
            assertEquals(137, first.exitValue(), "killed by SIGKILL, its lock file left behind");
            assertTrue(Files.readString(lockFile).startsWith("pid " + first.pid()), "the stale lock names the killed process");

            PortFaults.of(standIns.port).latency(0);
            Process third = Jar.start(standIns.env, dir.resolve("third.log"), "--once");
            assertTrue(third.waitFor(2, TimeUnit.MINUTES));
            String log = Files.readString(dir.resolve("third.log"));
            assertEquals(0, third.exitValue(), log);
            assertFalse(log.contains("is in use by"), log);
            assertTrue(Files.readString(lockFile).startsWith("pid " + third.pid()), "the new process took the lock over");
            assertFalse(standIns.port.holdings().isEmpty());
        }
    }
}
