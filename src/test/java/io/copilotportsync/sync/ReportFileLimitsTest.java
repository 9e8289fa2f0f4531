package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.OversizedLine;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report file that cannot be read as JSON lines (a line over the limit, an HTML page in its place) fails its day
 * with one line in the user's words: which file (report and day, never the signed link's query), the limit or the
 * content type, and what to do; never Camel's exchange dump. The next run reads the day again.
 */
class ReportFileLimitsTest {
    private static final String KIND = "organization-usage-metrics";
    private static final LocalDate DAY = StandIns.LAST_DAY;
    private static final String FILE = "/reports/orgs/octo-org/organization-1-day/" + DAY + "/1\\.ndjson";

    /** A run's own output and every log line it printed. */
    private record Observed(StandIns.Run run, List<String> log) {
        List<String> failures() {
            return run.out().lines().filter(l -> l.startsWith("  failed ")).toList();
        }

        /** Everything a user reads: the summary, the command's error output, and every log line at INFO and above. */
        List<String> userLines() {
            List<String> lines = new java.util.ArrayList<>(run.out().lines().toList());
            lines.addAll(run.err().lines().toList());
            lines.addAll(log);
            return lines;
        }
    }

    private static Observed once(StandIns standIns) {
        try (LogCapture logs = new LogCapture("INFO")) {
            StandIns.Run run = standIns.run("--once");
            return new Observed(run, logs.lines());
        }
    }

    private static void noCamelWords(Observed observed) {
        for (String line : observed.userLines()) {
            for (String camel : new String[] {"Multicast processing failed", "Exchange[", "CamelExecutionException", "sig="}) {
                assertFalse(line.contains(camel), "'" + camel + "' in: " + line);
            }
        }
    }

    @Test
    void a_256_mb_report_line_fails_its_day_with_one_line_naming_the_file_the_limit_and_the_fix(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github.downloads()).injectStreamed(FILE, 1, 200, Map.of("Content-Type", "application/x-ndjson"),
                    () -> new OversizedLine(DAY.toString(), 256L << 20));
            Observed first = once(standIns);
            assertEquals(1, first.run().exitCode(), first.run().out());
            String reason = "line 1 of file 1 of the organization-1-day report of " + DAY + " is longer than the 32 MiB a report"
                    + " line may have (GITHUB_REPORT_LINE_LIMIT_MB); the file is not read further and its day is not final: if"
                    + " GitHub's lines are this long, raise GITHUB_REPORT_LINE_LIMIT_MB (a line is held in memory whole: give the"
                    + " JVM room with -Xmx)";
            assertEquals(List.of("  failed 1 (" + KIND + ", octo-org): " + reason), first.failures(), first.run().out());
            assertEquals(1, first.log().stream().filter(l -> l.contains(KIND + " octo-org " + DAY + " failed: " + reason)).count(),
                    first.log().toString());
            noCamelWords(first);
            assertEquals(1, standIns.github.downloads().faultsGiven(), "a fresh link would not help: the file is not asked again");

            StandIns.Run second = standIns.run("--once");
            assertEquals(0, second.exitCode(), second.out());
            assertTrue(standIns.port.holdings().get("githubCopilotOrganizationUsage").containsKey("octo-org@" + DAY),
                    "the day is read again by the next run");
        }
    }

    @Test
    void the_line_limit_is_set_by_github_report_line_limit_mb_and_the_lines_before_the_long_one_are_synced(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("GITHUB_REPORT_LINE_LIMIT_MB", "1");
            List<com.fasterxml.jackson.databind.node.ObjectNode> rows = standIns.data.userRows("acme-eng", DAY);
            StringBuilder file = new StringBuilder();
            rows.forEach(r -> file.append(r).append('\n'));
            byte[] before = file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // the first of the day's files: every user row, then a 2 MiB line
            Faults.of(standIns.github.downloads()).injectStreamed("/reports/orgs/acme-eng/users-1-day/" + DAY + "/1\\.ndjson", 1, 200,
                    Map.of("Content-Type", "application/x-ndjson"), () -> new java.io.SequenceInputStream(
                            new java.io.ByteArrayInputStream(before), new OversizedLine(DAY.toString(), 2L << 20)));
            standIns.env.put("SYNC_KINDS", "user-usage-metrics");
            Observed run = once(standIns);
            assertEquals(1, run.run().exitCode(), run.run().out());
            assertTrue(run.failures().stream().anyMatch(l -> l.startsWith("  failed 1 (user-usage-metrics, acme-eng): line "
                    + (rows.size() + 1) + " of file 1 of the users-1-day report of " + DAY + " is longer than the 1 MiB")),
                    run.run().out());
            noCamelWords(run);
            long synced = standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream()
                    .filter(id -> id.endsWith("@acme-eng@" + DAY)).count();
            assertEquals(rows.size(), synced, "every user row before the long line reached Port");
        }
    }

    @Test
    void a_download_answered_with_html_fails_its_day_naming_the_file_and_the_content_type(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            // every attempt (a fresh link each time) meets the same page
            Faults.of(standIns.github.downloads()).inject(FILE, 3, 200, Map.of("Content-Type", "text/html; charset=utf-8"),
                    "<html><body>Please sign in to the proxy</body></html>");
            Observed run = once(standIns);
            assertEquals(1, run.run().exitCode(), run.run().out());
            List<String> failures = run.failures();
            assertEquals(1, failures.size(), run.run().out());
            String failure = failures.get(0);
            assertTrue(failure.startsWith("  failed 1 (" + KIND + ", octo-org): the download of file 1 of the organization-1-day report of "
                    + DAY + " from " + standIns.github.downloads().url() + "/reports/orgs/octo-org/organization-1-day/" + DAY + "/1.ndjson"
                    + " answered 200 with text/html; charset=utf-8, not JSON lines"), failure);
            assertTrue(failure.contains("HTTPS_PROXY"), failure);
            noCamelWords(run);
            assertFalse(java.nio.file.Files.exists(dir.resolve("dead-letter")), "the page's lines are not dead-lettered one by one");
        }
    }

    @Test
    void a_download_that_is_a_page_under_another_content_type_fails_its_day_the_same_way(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github.downloads()).inject(FILE, 3, 200, Map.of("Content-Type", "application/octet-stream"),
                    "\n<!DOCTYPE html>\n<html><body>Access denied</body></html>\n");
            Observed run = once(standIns);
            assertEquals(1, run.run().exitCode(), run.run().out());
            assertEquals(List.of("  failed 1 (" + KIND + ", octo-org): the download of file 1 of the organization-1-day report of " + DAY
                    + " answered 200 with application/octet-stream and a page (its first line is markup), not JSON lines: a proxy's"
                    + " or the storage host's page stands in the way (check HTTPS_PROXY, NO_PROXY and GITHUB_REPORT_HOSTS)"),
                    run.failures(), run.run().out());
            noCamelWords(run);
            assertFalse(java.nio.file.Files.exists(dir.resolve("dead-letter")), "the page's lines are not dead-lettered one by one");
        }
    }

    @Test
    void a_download_that_gets_no_answer_fails_its_day_naming_the_file_and_where_it_was_asked(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            // every attempt, and the HTTP client's own one retry of each, meets a connection closed without an answer
            Faults.of(standIns.github.downloads()).inject(FILE, 100, 0, Map.of(), null);
            Observed run = once(standIns);
            assertEquals(1, run.run().exitCode(), run.run().out());
            List<String> failures = run.failures();
            assertEquals(1, failures.size(), run.run().out());
            assertTrue(failures.get(0).startsWith("  failed 1 (" + KIND + ", octo-org): the download of file 1 of the organization-1-day report of "
                    + DAY + " from " + standIns.github.downloads().url() + "/reports/orgs/octo-org/organization-1-day/" + DAY
                    + "/1.ndjson failed: "), failures.get(0));
            assertFalse(failures.get(0).endsWith("failed: null"), failures.get(0));
            noCamelWords(run);
        }
    }
}
