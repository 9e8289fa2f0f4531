package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest GitHub answers 200 but that gives nothing to read (no download links, or not JSON at all: a proxy's or
 * an error page's HTML) is one warning naming the kind, scope and day; the day is not final and the next run asks
 * again. A 28-day report's manifest like that sends its days to the daily reports, as a 28-day report not served does.
 */
class ManifestsWithNothingToReadTest {
    private static final String KIND = "organization-usage-metrics";
    private static final String HTML = "<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>";

    private static String manifestPath(String org, String report) {
        return "/orgs/" + org + "/copilot/metrics/reports/" + report;
    }

    /** GitHub's calls for the organization-1-day manifest of an organization and day. */
    private static long dayManifestCalls(StandIns standIns, String org, LocalDate day) {
        return standIns.github.requests().stream().filter(r -> r.path().equals(manifestPath(org, "organization-1-day"))
                && ("day=" + day).equals(r.query())).count();
    }

    /** The summary's warnings about the kind these tests disturb (the legacy kinds warn in every run). */
    private static List<String> warnings(StandIns.Run run) {
        return run.out().lines().filter(l -> l.startsWith("  warning (" + KIND + ", ")).toList();
    }

    @Test
    void a_manifest_without_download_links_is_one_warning_and_its_day_is_asked_again_next_run(@TempDir Path dir) throws Exception {
        Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("run"))) {
            LocalDate day = StandIns.LAST_DAY;
            Faults.of(standIns.github).inject(manifestPath("octo-org", "organization-1-day") + "\\?day=" + day, 1, 200, Map.of(),
                    "{\"download_links\":[],\"report_day\":\"" + day + "\"}");
            StandIns.Run first = standIns.run("--once");
            assertEquals(0, first.exitCode(), "a warning, not a failure: " + first.out());
            assertEquals(List.of("  warning (" + KIND + ", octo-org): the organization-1-day report of " + day
                    + ": its manifest lists no files (download_links is empty); the day is not final and is asked again next run"),
                    warnings(first), first.out());
            assertFalse(standIns.port.holdings().get("githubCopilotOrganizationUsage").containsKey("octo-org@" + day),
                    "nothing was read for the day");

            StandIns.Run second = standIns.run("--once");
            assertEquals(0, second.exitCode(), second.out());
            assertEquals(2, dayManifestCalls(standIns, "octo-org", day), "the day is asked again");
            assertEquals(1, dayManifestCalls(standIns, "octo-org", day.minusDays(1)), "a final day is not");
            assertTrue(warnings(second).isEmpty(), second.out());
            assertEquals(clean, standIns.port.holdings(), "the second run ends where a clean run does");
        }
    }

    @Test
    void a_manifest_answered_with_html_is_one_warning_naming_the_content_type_and_its_day_is_asked_again(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            LocalDate day = StandIns.LAST_DAY.minusDays(2);
            Faults.of(standIns.github).inject(manifestPath("acme-eng", "organization-1-day") + "\\?day=" + day, 1, 200,
                    Map.of("Content-Type", "text/html; charset=utf-8"), HTML);
            StandIns.Run first;
            List<String> log;
            try (LogCapture logs = new LogCapture("INFO")) {
                first = standIns.run("--once");
                log = logs.lines();
            }
            assertEquals(0, first.exitCode(), first.out());
            assertEquals(List.of("  warning (" + KIND + ", acme-eng): the organization-1-day report of " + day
                    + ": its manifest answered 200 with text/html; charset=utf-8, not JSON (a proxy or a GitHub error page may"
                    + " stand in the way); the day is not final and is asked again next run"), warnings(first), first.out());
            assertEquals(1, log.stream().filter(l -> l.contains(KIND + " acme-eng: the organization-1-day report of " + day)
                    && l.contains("text/html")).count(), "one log line too: " + log);

            assertEquals(0, standIns.run("--once").exitCode());
            assertEquals(2, dayManifestCalls(standIns, "acme-eng", day), "the day is asked again");
            assertTrue(standIns.port.holdings().get("githubCopilotOrganizationUsage").containsKey("acme-eng@" + day));
        }
    }

    @Test
    void a_28_day_manifest_answered_with_html_or_without_links_sends_its_days_to_the_daily_reports(@TempDir Path dir) throws Exception {
        LocalDate newest = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        SandboxData data = SandboxData.generate(11, StandIns.ORGS, 6, newest, 30, Set.of(), Sandbox.ENTERPRISE);
        try (StandIns faulty = new StandIns(dir.resolve("faulty"), data); StandIns reference = new StandIns(dir.resolve("reference"), data)) {
            Faults.of(faulty.github).inject(manifestPath("octo-org", "organization-28-day/latest"), 1, 200, Map.of("Content-Type", "text/html"), HTML);
            Faults.of(faulty.github).inject(manifestPath("acme-eng", "organization-28-day/latest"), 1, 200, Map.of(),
                    "{\"download_links\":[],\"report_start_day\":\"" + newest.minusDays(27) + "\",\"report_end_day\":\"" + newest + "\"}");
            StandIns.Run run = faulty.run("--once");
            assertEquals(0, run.exitCode(), "the kind does not fail: " + run.out());
            List<String> warnings = warnings(run);
            assertEquals(2, warnings.size(), run.out());
            assertTrue(warnings.get(0).startsWith("  warning (" + KIND + ", acme-eng): the organization-28-day report's manifest lists no"
                    + " files (download_links is empty); its "), warnings.get(0));
            assertTrue(warnings.get(1).startsWith("  warning (" + KIND + ", octo-org): the organization-28-day report's manifest answered"
                    + " 200 with text/html, not JSON"), warnings.get(1));
            assertTrue(warnings.stream().allMatch(w -> w.endsWith(" days are read from the daily reports")), run.out());

            assertEquals(0, reference.run("--once").exitCode());
            assertEquals(StandIns.ORGS.size() * 28, faulty.github.manifestCalls("organization-1-day"),
                    "every day of a first run's 28 is read from its daily report, as when GitHub serves no 28-day report");
            assertEquals(reference.port.holdings(), faulty.port.holdings(), "the same entities as when the 28-day reports are read");
        }
    }

    @Test
    void a_user_teams_manifest_without_links_leaves_the_team_day_unread_and_asked_again(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_KINDS", "team-usage-metrics");
            LocalDate day = StandIns.LAST_DAY;
            Faults.of(standIns.github).inject(manifestPath("octo-org", "user-teams-1-day") + "\\?day=" + day, 1, 200, Map.of(),
                    "{\"download_links\":[],\"report_day\":\"" + day + "\"}");
            StandIns.Run first = standIns.run("--once");
            assertEquals(0, first.exitCode(), first.out());
            assertEquals(List.of("  warning (team-usage-metrics, octo-org): the user-teams-1-day report of " + day
                    + ": its manifest lists no files (download_links is empty); the day is not final and is asked again next run"),
                    first.out().lines().filter(l -> l.startsWith("  warning (team-usage-metrics")).toList(), first.out());
            assertEquals(0, standIns.github.requests().stream().filter(r -> r.path().equals(manifestPath("octo-org", "users-1-day"))
                    && ("day=" + day).equals(r.query())).count(), "without its teams, the day's users file is not read");
            assertTrue(standIns.port.holdings().get("githubCopilotTeamUsage").keySet().stream().noneMatch(id -> id.endsWith("@octo-org@" + day)));

            assertEquals(0, standIns.run("--once").exitCode());
            assertTrue(standIns.port.holdings().get("githubCopilotTeamUsage").keySet().stream().anyMatch(id -> id.endsWith("@octo-org@" + day)),
                    "the next run reads the day");
        }
    }
}
