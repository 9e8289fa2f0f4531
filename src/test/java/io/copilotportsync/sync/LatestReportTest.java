package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first sync reads the latest 28 days from GitHub's 28-day reports (one manifest per kind and scope) instead of
 * 28 daily ones, and ends with exactly what the daily reports give; later runs go on day by day.
 */
class LatestReportTest {
    /** Data up to the newest settled day, as GitHub has it on a real first run. */
    private static SandboxData settledData() {
        LocalDate newest = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        return SandboxData.generate(11, StandIns.ORGS, 6, newest, 30, Set.of("acme-eng@" + newest.minusDays(5)), Sandbox.ENTERPRISE);
    }

    @Test
    void a_first_sync_asks_one_28_day_manifest_per_kind_and_scope_and_ends_as_the_daily_reports_would(@TempDir Path dir)
            throws Exception {
        SandboxData data = settledData();
        try (StandIns latest = new StandIns(dir.resolve("latest"), data); StandIns daily = new StandIns(dir.resolve("daily"), data)) {
            StandIns.Run first = latest.run("--once");
            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertEquals(StandIns.ORGS.size(), latest.github.manifestCalls("organization-28-day"));
            assertEquals(1, latest.github.manifestCalls("enterprise-28-day"));
            // yesterday is not in the 28-day report yet: it is asked for on its own
            assertEquals(StandIns.ORGS.size(), latest.github.manifestCalls("organization-1-day"));
            assertEquals(1, latest.github.manifestCalls("enterprise-1-day"));

            GitHubFaults.of(daily.github).latestReports(false);
            StandIns.Run fallback = daily.run("--once");
            assertEquals(0, fallback.exitCode(), fallback.out() + fallback.err());
            assertEquals(StandIns.ORGS.size() * 28, daily.github.manifestCalls("organization-1-day"),
                    "a GitHub without 28-day reports: every day is read from its daily report");

            assertEquals(daily.port.holdings(), latest.port.holdings());
            assertTrue(latest.port.holdings().get("githubCopilotUserUsage").size() > 100, "the days' entities are in Port");
            assertEquals(first.out().replaceAll("took .*", ""), fallback.out().replaceAll("took .*", ""),
                    "the same days read, without data, and upserted, kind by kind");
        }
    }

    @Test
    void the_next_run_asks_only_the_daily_reports_of_days_not_final_yet(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir, settledData())) {
            assertEquals(0, standIns.run("--once").exitCode());
            int before = standIns.github.manifestCalls("organization-1-day");
            StandIns.Run second = standIns.run("--once");
            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertEquals(StandIns.ORGS.size(), standIns.github.manifestCalls("organization-28-day"), "not asked again");
            assertEquals(before + StandIns.ORGS.size() + 1, standIns.github.manifestCalls("organization-1-day"),
                    "only yesterday (still provisional) and acme-eng's day without data between days with data are asked again");
        }
    }

    @Test
    void days_a_28_day_report_failed_are_read_from_their_daily_reports_next_run(@TempDir Path dir) throws Exception {
        SandboxData data = settledData();
        LocalDate newest = data.days().get(data.days().size() - 1);
        try (StandIns standIns = new StandIns(dir, data)) {
            // GitHub serves the same broken 28-day file on every run: a line cut short
            GitHubFaults.of(standIns.github).appendToReport("orgs/octo-org", "users-28-day", newest, "{\"day\": \"" + newest + "\", \"user_lo\n");
            StandIns.Run first = standIns.run("--once");
            assertEquals(1, first.exitCode(), first.out() + first.err());
            int latestAsked = standIns.github.manifestCalls("users-28-day");

            StandIns.Run second = standIns.run("--once");
            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertEquals(latestAsked, standIns.github.manifestCalls("users-28-day"), "the broken 28-day report is not asked again");
            // every user day of octo-org in the window is in Port, counted from the generated data
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long expected = data.days().stream().filter(d -> !d.isBefore(today.minusDays(28)) && d.isBefore(today))
                    .mapToLong(d -> data.userRows("octo-org", d).size()).sum();
            long held = standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream()
                    .filter(id -> id.contains("@octo-org@")).count();
            assertEquals(expected, held);
        }
    }
}
