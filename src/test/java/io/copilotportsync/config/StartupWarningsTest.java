package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window the run cannot fully read as written (an end day not over yet, a start before GitHub's first report day)
 * is said once, in one line, at start; the run goes on and syncs what it can.
 */
class StartupWarningsTest {
    /** GitHub's first organization usage report day (REST docs, Copilot usage metrics); written here, not taken from the code. */
    private static final LocalDate FIRST_ORGANIZATION_REPORT = LocalDate.of(2025, 12, 12);

    @Test
    void an_end_day_in_the_future_is_one_warning_and_the_run_goes_on(@TempDir Path dir) throws Exception {
        LocalDate future = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_END_DAY", future.toString());
            // a snapshot kind: the run reads no report days, so the warning is all the window changes
            standIns.env.put("SYNC_KINDS", "copilot-seats");
            List<String> lines;
            StandIns.Run run;
            try (LogCapture logs = new LogCapture("INFO")) {
                run = standIns.run("--once");
                lines = logs.lines();
            }
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertEquals(1, lines.stream().filter(l -> l.contains("SYNC_END_DAY " + future + " is not over yet")).count(), lines.toString());
            Set<String> expectedSeats = StandIns.ORGS.stream()
                    .flatMap(org -> standIns.data.seats(org).stream().map(s -> s.get("assignee").get("login").asText() + "@" + org))
                    .collect(Collectors.toSet());
            assertTrue(standIns.port.holdings().get("githubCopilotSeat").keySet().containsAll(expectedSeats),
                    standIns.port.holdings().keySet().toString());
        }
    }

    @Test
    void a_window_before_github_first_report_day_is_one_warning_and_no_earlier_day_is_asked_for(@TempDir Path dir) throws Exception {
        LocalDate start = FIRST_ORGANIZATION_REPORT.minusDays(41);
        LocalDate end = FIRST_ORGANIZATION_REPORT.plusDays(1);
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_START_DAY", start.toString());
            standIns.env.put("SYNC_END_DAY", end.toString());
            standIns.env.put("SYNC_KINDS", "organization-usage-metrics");
            List<String> lines;
            StandIns.Run run;
            try (LogCapture logs = new LogCapture("INFO")) {
                run = standIns.run("--once");
                lines = logs.lines();
            }
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertEquals(1, lines.stream().filter(l -> l.contains("SYNC_START_DAY " + start + " is before GitHub's first usage report day"
                    + " (organizations " + FIRST_ORGANIZATION_REPORT)).count(), lines.toString());
            // GitHub keeps a year of reports: the later of the two floors is where reading starts
            LocalDate retained = LocalDate.now(ZoneOffset.UTC).minusDays(365);
            LocalDate first = retained.isAfter(FIRST_ORGANIZATION_REPORT) ? retained : FIRST_ORGANIZATION_REPORT;
            long days = first.isAfter(end) ? 0 : first.datesUntil(end.plusDays(1)).count();
            assertEquals(days * StandIns.ORGS.size(), standIns.github.manifestCalls("organization-1-day"));
        }
    }

    @Test
    void a_window_github_can_read_gives_no_warning(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_KINDS", "copilot-seats");
            List<String> lines;
            StandIns.Run run;
            try (LogCapture logs = new LogCapture("INFO")) {
                run = standIns.run("--once");
                lines = logs.lines();
            }
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(lines.stream().noneMatch(l -> l.contains("SYNC_END_DAY") || l.contains("SYNC_START_DAY")), lines.toString());
        }
    }
}
