package io.copilotportsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                "brokenUsage.json: property 'broken': type 'text' is not one of",
                "brokenUsage.json: relation 'team': target blueprint 'noSuchTeamBlueprint' is not known")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), "missing: " + expected + "\n" + run.err());
        }
        assertTrue(run.err().contains("9 problems in " + BROKEN), run.err());
    }
}
