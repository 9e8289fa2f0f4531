package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long run says how far it is and about how long it has left, at most every few seconds. */
class ProgressTest {

    private static List<String> progressLines(Path dir, Duration every) throws Exception {
        return runLines(dir, every).stream().filter(l -> l.contains("Progress: ")).toList();
    }

    private static List<String> runLines(Path dir, Duration every) throws Exception {
        try (StandIns standIns = new StandIns(dir); LogCapture logs = new LogCapture("INFO")) {
            SyncApplication app = new SyncApplication(SyncSettings.from(standIns.env::get, true), Map.of(), Clock.systemUTC());
            app.run().progressEvery(every);
            assertEquals(0, app.runOnce(new PrintStream(new ByteArrayOutputStream(), true)));
            assertTrue(logs.lines().stream().anyMatch(l -> l.matches("(?s).*\\d+ jobs to run: \\d+ report days, \\d+ 28-day reports and \\d+ snapshots.*")));
            return logs.lines();
        }
    }

    @Test
    void progress_names_report_days_and_snapshots_done_out_of_their_totals_and_the_time_left(@TempDir Path dir) throws Exception {
        List<String> progress = progressLines(dir, Duration.ZERO);
        assertTrue(progress.size() > 10, progress.toString());
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?s).*Progress: (\\d+) of (\\d+) report days and (\\d+) of (\\d+) "
                + "snapshots done \\((\\d+)%\\), at [a-z-]+ \\S+.*; (\\d+) records read, (\\d+) entities acknowledged by Port; "
                + "(about \\d+ (s|min) left|time left not known until each lane has finished a job).*");
        long estimates = progress.stream().filter(p -> p.matches("(?s).*; about \\d+ (s|min) left.*")).count();
        long lastRecords = 0;
        for (String p : progress) {
            java.util.regex.Matcher m = line.matcher(p);
            assertTrue(m.matches(), p);
            int done = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(3));
            int total = Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(4));
            // the two lanes report as their jobs end, so lines need not come in order
            assertTrue(done > 0 && done < total, p);
            assertEquals(done * 100 / total, Integer.parseInt(m.group(5)), p);
            lastRecords = Math.max(lastRecords, Long.parseLong(m.group(6)));
        }
        assertTrue(lastRecords > 0, "records are counted as they are read: " + progress);
        assertTrue(estimates > 0, "once each lane has finished a job, the time left is estimated: " + progress);
    }

    @Test
    void the_plan_line_counts_report_days_as_the_progress_lines_do(@TempDir Path dir) throws Exception {
        List<String> lines = runLines(dir, Duration.ZERO);
        java.util.regex.Matcher plan = java.util.regex.Pattern.compile("(?s).*\\d+ jobs to run: (\\d+) report days, (\\d+) 28-day reports "
                + "and \\d+ snapshots \\((\\d+) report days in all\\).*").matcher(lines.stream().filter(l -> l.contains("jobs to run")).findFirst().orElseThrow());
        assertTrue(plan.matches(), plan.toString());
        int inAll = Integer.parseInt(plan.group(3));
        // a 28-day report holds several days: with any, the total is more than the single days
        assertTrue(Integer.parseInt(plan.group(2)) == 0 ? inAll == Integer.parseInt(plan.group(1)) : inAll > Integer.parseInt(plan.group(1)));
        java.util.regex.Pattern progress = java.util.regex.Pattern.compile("(?s).*Progress: \\d+ of (\\d+) report days.*");
        List<String> progressLines = lines.stream().filter(l -> l.contains("Progress: ")).toList();
        assertTrue(!progressLines.isEmpty());
        for (String p : progressLines) {
            java.util.regex.Matcher m = progress.matcher(p);
            assertTrue(m.matches(), p);
            assertEquals(inAll, Integer.parseInt(m.group(1)), p);
        }
    }

    @Test
    void progress_is_not_logged_more_often_than_its_interval(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), progressLines(dir, Duration.ofHours(1)));
    }
}
