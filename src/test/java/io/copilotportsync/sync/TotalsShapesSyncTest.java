package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.sandbox.TotalsFile;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's organization and enterprise totals files come in two shapes: its live 1-day files are one flat day object,
 * its docs' example and the 28-day files wrap days in day_totals. Either way every day reaches Port, with the figures
 * computed here from the users rows the totals were made of; a file in neither shape fails its day, and the next run
 * reads it again.
 */
class TotalsShapesSyncTest {
    private static final String ORG_USAGE = "githubCopilotOrganizationUsage";

    /** identifier -> [daily_active_users, code_generation_activity_count, loc_added_sum], from the users rows. */
    private static Map<String, List<Long>> expectedTotals(SandboxData data, List<LocalDate> days) {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (LocalDate day : days) {
            for (SandboxData.Organization org : data.organizations()) {
                List<ObjectNode> rows = data.userRows(org.login(), day);
                if (rows != null) {
                    expected.put(org.login() + "@" + day, figures(rows));
                }
            }
            if (data.enterpriseUserRows(day) != null) {
                expected.put(data.enterprise() + "@" + day, figures(data.enterpriseUserRows(day)));
            }
        }
        return expected;
    }

    private static List<Long> figures(List<ObjectNode> rows) {
        return List.of((long) rows.size(), rows.stream().mapToLong(r -> r.get("code_generation_activity_count").asLong()).sum(),
                rows.stream().mapToLong(r -> r.get("loc_added_sum").asLong()).sum());
    }

    private static Map<String, List<Long>> held(StandIns standIns) {
        Map<String, List<Long>> held = new TreeMap<>();
        standIns.port.holdings().getOrDefault(ORG_USAGE, Map.of()).forEach((id, e) -> held.put(id, List.of(
                e.get("properties").get("daily_active_users").asLong(), e.get("properties").get("code_generation_activity_count").asLong(),
                e.get("properties").get("loc_added_sum").asLong())));
        return held;
    }

    @Test
    void flat_daily_files_as_github_serves_them_and_wrapped_ones_as_its_docs_show_give_every_day(@TempDir Path dir) throws Exception {
        for (TotalsFile shape : TotalsFile.values()) {
            try (StandIns standIns = new StandIns(dir.resolve(shape.name()))) {
                standIns.github.totalsFiles(shape, TotalsFile.WRAPPED);
                StandIns.Run run = standIns.run("--once");
                assertEquals(0, run.exitCode(), shape + ": " + run.out());
                Map<String, List<Long>> expected = expectedTotals(standIns.data, standIns.data.days());
                assertEquals(StandIns.ORGS.size() * StandIns.DAYS - 1 + StandIns.DAYS, expected.size(), "every org and day but one, and the enterprise's");
                assertEquals(expected, held(standIns), shape + " 1-day files");
            }
        }
    }

    @Test
    void wrapped_and_flat_28_day_files_give_every_day_of_a_first_sync(@TempDir Path dir) throws Exception {
        LocalDate newest = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        SandboxData data = SandboxData.generate(13, StandIns.ORGS, 6, newest, 30, Set.of("acme-eng@" + newest.minusDays(5)), Sandbox.ENTERPRISE);
        for (TotalsFile shape : TotalsFile.values()) {
            try (StandIns standIns = new StandIns(dir.resolve(shape.name()), data)) {
                standIns.github.totalsFiles(TotalsFile.FLAT, shape);
                StandIns.Run run = standIns.run("--once");
                assertEquals(0, run.exitCode(), shape + ": " + run.out());
                assertEquals(StandIns.ORGS.size(), standIns.github.manifestCalls("organization-28-day"), "read from the 28-day report");
                assertEquals(1, standIns.github.manifestCalls("enterprise-28-day"));
                List<LocalDate> lastFour = data.days().subList(data.days().size() - 4, data.days().size());
                Map<String, List<Long>> expected = expectedTotals(data, lastFour);
                Map<String, List<Long>> held = held(standIns);
                held.keySet().retainAll(expected.keySet());
                assertEquals(expected, held, shape + " 28-day files");
                LocalDate firstOfWindow = LocalDate.now(ZoneOffset.UTC).minusDays(28);
                assertEquals(expectedTotals(data, data.days().stream().filter(d -> !d.isBefore(firstOfWindow)).toList()).size(),
                        standIns.port.holdings().get(ORG_USAGE).size(), "the first sync's 28 days of every scope, but the one without data");
            }
        }
    }

    @Test
    void a_day_whose_only_totals_line_is_in_neither_shape_fails_and_the_next_run_repairs_it(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            LocalDate day = StandIns.LAST_DAY;
            GitHubFaults.of(standIns.github).replaceReportFile("orgs/octo-org", "organization-1-day", day, "{\"organization_id\":\"1000\",\"totals\":{}}");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("failed 1 (organization-usage-metrics, octo-org): line could not be shaped: the line is "
                    + "neither a day's totals (no \"day\") nor days wrapped in a \"day_totals\" array"), run.out());
            assertTrue(run.out().lines().anyMatch(l -> l.matches("organization-usage-metrics\\s+octo-org\\s+\\d+\\s+\\d+\\s+1\\s+.*")),
                    "one failed day in the summary: " + run.out());
            assertTrue(run.out().contains("Result: FAILED"), run.out());
            assertFalse(standIns.port.holdings().get(ORG_USAGE).containsKey("octo-org@" + day));

            GitHubFaults.of(standIns.github).replaceReportFile("orgs/octo-org", "organization-1-day", day, null);
            StandIns.Run rerun = standIns.run("--once");
            assertEquals(0, rerun.exitCode(), rerun.out());
            assertEquals(expectedTotals(standIns.data, standIns.data.days()), held(standIns), "the day is read again and reaches Port");
        }
    }
}
