package io.copilotportsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.support.StandIns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code validate}: every problem of a mapping and its blueprints, one a line with file, kind and field; exit 2. */
class ValidateTest {
    private static final String BROKEN = "src/test/resources/fixtures/broken/port-app-config.yaml";

    @Test
    void the_shipped_mapping_and_blueprints_are_valid() {
        StandIns.Run run = StandIns.run(Map.of(), "", "validate");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("are valid"), run.out());
    }

    @Test
    void with_credentials_validate_checks_github_and_port_and_says_each_fix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            StandIns.Run good = standIns.run("validate");
            assertEquals(0, good.exitCode(), good.err());
            assertTrue(good.out().contains("GitHub and Port accept the credentials"), good.out());

            GitHubFaults.of(standIns.github).scopes("repo, gist");
            Faults.of(standIns.github).inject("/orgs/acme-eng/copilot/metrics/reports/organization-1-day", 1, 422, Map.of(),
                    "{\"message\":\"Copilot Usage Metrics API setting is disabled\"}");
            standIns.env.put("PORT_CLIENT_SECRET", "wrong");
            StandIns.Run bad = standIns.run("validate");
            assertEquals(2, bad.exitCode());
            for (String expected : List.of(
                    "GITHUB_TOKEN: lacks a scope for the organization kinds (has: repo, gist); add read:org or manage_billing:copilot",
                    "GITHUB_TOKEN: lacks a scope for the enterprise kinds (has: repo, gist); add read:enterprise or manage_billing:copilot",
                    "GITHUB_ORGS: organization 'acme-eng' answers 422 for its usage reports; an owner enables the Copilot usage metrics policy",
                    "PORT_CLIENT_ID/PORT_CLIENT_SECRET: Port refused the credentials (401")) {
                assertTrue(bad.err().contains(expected), "missing: " + expected + "\n" + bad.err());
            }
            standIns.env.put("GITHUB_TOKEN", "ghp_not_a_token_github_knows_at_all_000");
            assertTrue(standIns.run("validate").err().contains("GITHUB_TOKEN: GitHub does not accept it (401)"));
        }
    }

    @Test
    void a_rate_limit_or_an_outage_is_a_check_to_repeat_and_is_not_waited_out(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.github).inject("/orgs/acme-eng/copilot/metrics/reports/organization-1-day", Integer.MAX_VALUE, 429,
                    Map.of("Retry-After", "3600"), "{\"message\":\"API rate limit exceeded\"}");
            Faults.of(standIns.port).inject("/v1/auth/access_token", Integer.MAX_VALUE, 429, Map.of("Retry-After", "3600"), "{}");
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("validate");
            long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertEquals(2, run.exitCode(), run.out() + run.err());
            assertTrue(seconds < 30, "validate took " + seconds + " s");
            for (String expected : List.of(
                    "GITHUB_ORGS: organization 'acme-eng' could not be checked: GitHub answered 429 for GET "
                            + "/orgs/acme-eng/copilot/metrics/reports/organization-1-day: API rate limit exceeded (it asks to wait 3600 s); "
                            + "run validate again later",
                    "Port asked to wait 3600 s",
                    "more than validate's own limit on a wait (a sync waits up to RETRY_MAX_WAIT)")) {
                assertTrue(run.err().contains(expected), "missing: " + expected + "\n" + run.err());
            }
            assertTrue(!run.out().contains("accept the credentials"), run.out());
        }
    }

    @Test
    void every_problem_is_reported_at_once_with_file_kind_and_field() {
        StandIns.Run run = StandIns.run(Map.of("MAPPING_FILE", BROKEN), "", "validate");
        assertEquals(2, run.exitCode());
        List<String> lines = run.err().lines().toList();
        String usage = BROKEN + ": kind 'user-usage-metrics' (resources[0]), field ";
        for (String expected : List.of(
                usage + "'properties.broken': jq expression does not compile",
                usage + "'properties.chats': gives number on GitHub's sample rows, blueprint 'brokenUsage' declares string",
                usage + "'properties.record_date': gives '2025-10-01', not an ISO 8601 date-time",
                usage + "'properties.missing': property 'missing' is not in blueprint 'brokenUsage'",
                usage + "'relations.organization': relation 'organization' is not declared in blueprint 'brokenUsage'",
                BROKEN + ": kind 'copilot-seat' (resources[1]): kind is unknown",
                BROKEN + ": kind 'copilot-billing' (resources[2]), field 'blueprint': blueprint 'noSuchBlueprint' has no file",
                // a relation to a blueprint without a file (noSuchTeamBlueprint) is no problem: it targets the catalog,
                // and a run leaves it out where Port lacks the target (CatalogRelationsTest)
                "brokenUsage.json: property 'broken': type 'text' is not one of")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), "missing: " + expected + "\n" + run.err());
        }
        assertTrue(run.err().contains("8 problems in " + BROKEN), run.err());
    }
}
