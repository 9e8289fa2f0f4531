package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub adds fields every month: a run names, once a kind, the fields its raw items carried that no expression of
 * the kind's mapping uses, and validate says the same of GitHub's sample items or of a file the user saved.
 */
class FieldDriftTest {
    private static final String NEW_FIELD = "copilot_field_of_next_month";

    @Test
    void a_run_names_once_a_kind_the_fields_github_sent_that_the_mapping_does_not_use(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir); LogCapture log = new LogCapture("INFO")) {
            standIns.data.days().forEach(day -> {
                if (standIns.data.userRows("octo-org", day) != null) {
                    standIns.data.userRows("octo-org", day).forEach(row -> row.put(NEW_FIELD, 3));
                }
            });
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out());
            List<String> lines = log.lines().stream()
                    .filter(l -> l.contains(" - user-usage-metrics: GitHub sent fields your mapping does not use: ")).toList();
            assertEquals(1, lines.size(), "one line a run for the kind: " + lines);
            assertTrue(lines.get(0).contains(NEW_FIELD), lines.get(0));
            for (String mapped : List.of("user_login", "day", "code_generation_activity_count", "__organization")) {
                assertFalse(lines.get(0).matches(".*[:,] " + mapped + "[, (].*"), mapped + " is mapped: " + lines.get(0));
            }
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("team-usage-metrics: GitHub sent fields")),
                    "the team aggregates are the sync's own, not GitHub's");
        }
    }

    @Test
    void validate_names_the_unused_fields_of_a_sample_file_the_user_saved(@TempDir Path dir) throws Exception {
        Path sample = dir.resolve("users.ndjson");
        Files.writeString(sample, "{\"user_login\":\"mona\",\"day\":\"2026-11-01\",\"" + NEW_FIELD + "\":1}\n"
                + "{\"user_login\":\"hubot\",\"day\":\"2026-11-01\",\"another_new_one\":true}\n");
        StandIns.Run run = StandIns.run(Map.of(), "", "validate", "--kind", "user-usage-metrics", "--sample", sample.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("user-usage-metrics: GitHub sent fields your mapping does not use: another_new_one, "
                + NEW_FIELD + " (map them"), run.out());
        assertEquals(1, run.out().lines().filter(l -> l.contains("GitHub sent fields")).count(), run.out());

        StandIns.Run unknown = StandIns.run(Map.of(), "", "validate", "--kind", "no-such-kind", "--sample", sample.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no resource of kind 'no-such-kind'"), unknown.err());
    }
}
