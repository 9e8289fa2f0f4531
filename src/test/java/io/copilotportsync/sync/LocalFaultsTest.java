package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DATA_DIR that cannot be written (a full or a read-only file system, here a small tmpfs the test mounts) ends the
 * run within seconds with one line naming the file and the cause, exit 1, the state files whole (no half line) and
 * nothing recorded final that Port did not acknowledge; once there is room, the next run completes what was left.
 */
class LocalFaultsTest {

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** A tmpfs of this size at dir, or false where this machine lets no test mount one (then the test is skipped). */
    private static boolean mount(Path dir, String size) throws Exception {
        Files.createDirectories(dir);
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    private static void unmount(Path dir) throws Exception {
        run("umount", "-l", dir.toString());
    }

    private static void assertWholeLines(Path stateDir) throws Exception {
        for (String name : List.of("days.log", "hashes.log")) {
            Path file = stateDir.resolve(name);
            if (Files.exists(file) && Files.size(file) > 0) {
                String text = Files.readString(file);
                assertTrue(text.endsWith("\n"), name + " ends in half a line");
                for (String line : text.split("\n")) {
                    int fields = line.split("\t").length;
                    // hashes.log: blueprint, identifier, hash, and for a report day's entity its kind, scope and day
                    assertTrue(name.equals("days.log") ? fields == 5 : fields == 3 || fields == 6 && line.matches(".*\t\\d{4}-\\d{2}-\\d{2}"),
                            name + ": torn line '" + line + "'");
                }
            }
        }
    }

    /** The final days of user-usage-metrics in days.log (the last line of a day wins), each with its organization. */
    private static Map<String, String> finalUserDays(Path stateDir) throws Exception {
        Map<String, String> status = new TreeMap<>();
        if (Files.exists(stateDir.resolve("days.log"))) {
            for (String line : Files.readAllLines(stateDir.resolve("days.log"))) {
                String[] f = line.split("\t");
                if (f[0].equals("user-usage-metrics")) {
                    status.put(f[1] + "@" + f[2], f[3]);
                }
            }
        }
        status.values().removeIf(s -> !s.equals("FINAL"));
        return status;
    }

    @Test
    void a_full_disk_stops_the_run_in_seconds_naming_the_file_and_leaves_no_half_line(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assumeTrue(mount(data, "12k"), "this machine lets no test mount a tmpfs");
        try (StandIns standIns = new StandIns(data)) {
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("--once");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the run ends in seconds, not minutes: " + took);
            assertTrue(run.out().contains("run failed: cannot write the sync state " + data.resolve("state")) 
                    && run.out().contains("No space left on device"), run.out());
            assertWholeLines(data.resolve("state"));
            // a final day is one whose every user Port holds
            Map<String, com.fasterxml.jackson.databind.node.ObjectNode> held =
                    standIns.port.holdings().getOrDefault("githubCopilotUserUsage", Map.of());
            for (String orgDay : finalUserDays(data.resolve("state")).keySet()) {
                String org = orgDay.split("@")[0];
                java.time.LocalDate day = java.time.LocalDate.parse(orgDay.split("@")[1]);
                for (var row : standIns.data.userRows(org, day)) {
                    assertTrue(held.containsKey(row.get("user_login").asText() + "@" + org + "@" + day), "final but not in Port: " + orgDay);
                }
            }

            run("mount", "-o", "remount,size=4m", data.toString());
            StandIns.Run again = standIns.run("--once");
            assertEquals(0, again.exitCode(), again.out() + again.err());
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), standIns.port.holdings());
        } finally {
            unmount(data);
        }
    }

    @Test
    void a_read_only_data_dir_is_refused_at_start_with_the_directory_named_and_the_state_untouched(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assumeTrue(mount(data, "4m"), "this machine lets no test mount a tmpfs");
        try (StandIns standIns = new StandIns(data)) {
            assertEquals(0, standIns.run("--once").exitCode());
            byte[] days = Files.readAllBytes(data.resolve("state/days.log"));
            assertTrue(run("mount", "-o", "remount,ro", data.toString()));
            StandIns.Run run = standIns.run("--once");
            assertTrue(run.exitCode() != 0, run.out() + run.err());
            assertTrue((run.out() + run.err()).contains(data.resolve("state").toString())
                    && (run.out() + run.err()).contains("Read-only file system"), run.out() + run.err());
            assertTrue(java.util.Arrays.equals(days, Files.readAllBytes(data.resolve("state/days.log"))), "the state is as it was");
        } finally {
            unmount(data);
        }
    }

    @Test
    void a_dead_letter_that_cannot_be_written_stops_the_run_and_its_day_is_not_recorded(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Files.writeString(dir.resolve("dead-letter"), "a file where the dead-letter directory should be");
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", StandIns.LAST_DAY, "not json\n");
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
            assertTrue(run.out().contains("run failed: cannot write the dead-letter file " + dir.resolve("dead-letter")), run.out());
            assertTrue(!finalUserDays(dir.resolve("state")).containsKey("octo-org@" + StandIns.LAST_DAY),
                    "the day whose bad line was not kept is not final");
            assertWholeLines(dir.resolve("state"));

            Files.delete(dir.resolve("dead-letter"));
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", StandIns.LAST_DAY, "");
            StandIns.Run again = standIns.run("--once");
            assertEquals(0, again.exitCode(), again.out());
            assertEquals(StandIns.cleanRunHoldings(dir.resolve("clean")), standIns.port.holdings());
        }
    }
}
