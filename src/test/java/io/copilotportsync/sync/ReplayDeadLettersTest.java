package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * replay-dead-letters, after an upgrade or a mapping fix: the raw records kept in dead letters go through the
 * current mapping to Port, the letters delivered are removed, and what fails again is dead-lettered anew.
 */
class ReplayDeadLettersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path copyMapping(Path dir, String from, String to) throws Exception {
        Path mapping = dir.resolve("mappings/port-app-config.yaml");
        Files.createDirectories(mapping.getParent().resolve("blueprints"));
        String shipped = Files.readString(Path.of("mappings/port-app-config.yaml"));
        assertTrue(shipped.contains(from), "the shipped expression this test changes: " + from);
        Files.writeString(mapping, shipped.replace(from, to));
        try (Stream<Path> files = Files.list(Path.of("mappings/blueprints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mapping.getParent().resolve("blueprints").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return mapping;
    }

    private static List<JsonNode> letters(Path dataDir) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        if (Files.isDirectory(dataDir.resolve("dead-letter"))) {
            try (Stream<Path> files = Files.list(dataDir.resolve("dead-letter"))) {
                for (Path f : files.toList()) {
                    for (String line : Files.readAllLines(f)) {
                        letters.add(JSON.readTree(line));
                    }
                }
            }
        }
        return letters;
    }

    @Test
    void records_a_broken_mapping_could_not_map_reach_port_after_the_fix_and_their_letters_are_gone(@TempDir Path dir) throws Exception {
        String identifier = "          identifier: '(.user_login // empty) + \"@\" + (.__organization.login // empty) + \"@\" + (.day // empty)'";
        Path mapping = copyMapping(dir, identifier, identifier.replace("\"@\" + (.day", "\" at \" + (.day"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("MAPPING_FILE", mapping.toString());
            standIns.env.put("SYNC_KINDS", "user-usage-metrics");
            StandIns.Run broken = standIns.run("--once");
            assertEquals(1, broken.exitCode(), broken.out() + broken.err());
            assertTrue(broken.out().contains("Result"), broken.out() + broken.err());
            long rows = standIns.data.allUserRows().count();
            assertEquals(rows, letters(dir.resolve("data")).size(), "every user row is kept: its identifier has a space");
            assertFalse(standIns.port.holdings().containsKey("githubCopilotUserUsage"));

            copyMapping(dir, identifier, identifier);
            StandIns.Run replay = standIns.run("replay-dead-letters");
            assertEquals(0, replay.exitCode(), replay.out() + replay.err());
            assertTrue(replay.out().contains("Replayed " + rows + " dead letters"), replay.out());
            assertEquals(List.of(), letters(dir.resolve("data")), "what was delivered is no longer a dead letter");
            Map<String, ObjectNode> users = standIns.port.holdings().get("githubCopilotUserUsage");
            standIns.data.organizations().forEach(org -> standIns.data.days().forEach(day -> {
                if (standIns.data.userRows(org.login(), day) != null) {
                    standIns.data.userRows(org.login(), day).forEach(r -> {
                        ObjectNode e = users.get(r.get("user_login").asText() + "@" + org.login() + "@" + day);
                        assertEquals(r.get("code_generation_activity_count").asLong(),
                                e.get("properties").get("code_generation_activity_count").asLong());
                    });
                }
            }));
            assertEquals(rows, users.size());
        }
    }

    @Test
    void a_report_line_an_older_version_could_not_shape_is_shaped_now(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            ObjectNode flat = standIns.data.organizationRow("octo-org", StandIns.LAST_DAY);
            ObjectNode letter = JSON.createObjectNode().put("time", "2026-11-01T00:00:00Z").put("kind", "organization-usage-metrics")
                    .put("scope", "octo-org").put("day", StandIns.LAST_DAY.toString()).put("outcome", "failed")
                    .put("source", "http://127.0.0.2/reports/orgs/octo-org/organization-1-day/" + StandIns.LAST_DAY + "/1.ndjson line 1")
                    .put("reason", "line could not be shaped: the line has no day_totals array").put("payload", flat.toString());
            Path file = dir.resolve("saved-letters.ndjson");
            Files.writeString(file, letter + "\n");
            StandIns.Run replay = standIns.run("replay-dead-letters", file.toString());
            assertEquals(0, replay.exitCode(), replay.out() + replay.err());
            ObjectNode entity = standIns.port.holdings().get("githubCopilotOrganizationUsage").get("octo-org@" + StandIns.LAST_DAY);
            assertEquals(standIns.data.userRows("octo-org", StandIns.LAST_DAY).size(), entity.get("properties").get("daily_active_users").asInt());
            assertFalse(Files.exists(file), "its only letter was delivered");
        }
    }

    @Test
    void a_kept_line_that_is_still_not_json_is_dead_lettered_again_as_it_was(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            String line = "{\"day\": \"" + StandIns.LAST_DAY + "\", \"organization_id\":";
            ObjectNode letter = JSON.createObjectNode().put("time", "2026-11-01T00:00:00Z").put("kind", "organization-usage-metrics")
                    .put("scope", "octo-org").put("day", StandIns.LAST_DAY.toString()).put("outcome", "failed")
                    .put("source", "http://127.0.0.2/reports/orgs/octo-org/organization-1-day/" + StandIns.LAST_DAY + "/1.ndjson line 3")
                    .put("reason", "malformed NDJSON line").put("payload", line);
            Path file = dir.resolve("saved-letters.ndjson");
            Files.writeString(file, letter + "\n");
            StandIns.Run replay = standIns.run("replay-dead-letters", file.toString());
            assertEquals(1, replay.exitCode(), replay.out() + replay.err());
            List<JsonNode> again = letters(dir);
            assertEquals(1, again.size(), "kept once more: " + again);
            assertEquals(line, again.get(0).get("payload").asText(), "the line as it was, not what the replay made of it");
            assertEquals(StandIns.LAST_DAY.toString(), again.get(0).get("day").asText());
            assertTrue(again.get(0).get("source").asText().startsWith("dead letter of saved-letters.ndjson: "), again.get(0).toString());
            assertFalse(standIns.port.holdings().containsKey("githubCopilotOrganizationUsage"));
        }
    }

    @Test
    void entities_port_still_refuses_are_sent_again_and_dead_lettered_anew(@TempDir Path dir) throws Exception {
        Path mapping = copyMapping(dir, "            used_cli: '.used_cli'", "            used_cli: 'if .used_cli then \"yes\" else .used_cli end'");
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("MAPPING_FILE", mapping.toString());
            standIns.env.put("SYNC_KINDS", "user-usage-metrics");
            assertEquals(1, standIns.run("--once").exitCode());
            List<JsonNode> before = letters(dir.resolve("data"));
            assertTrue(before.size() > 0 && before.stream().allMatch(l -> l.get("source").asText().startsWith("port bulk upsert to ")));
            int bulkBefore = standIns.port.bulkRequests();
            StandIns.Run replay = standIns.run("replay-dead-letters");
            assertEquals(1, replay.exitCode(), replay.out());
            assertTrue(standIns.port.bulkRequests() > bulkBefore, "sent to Port again");
            List<JsonNode> after = letters(dir.resolve("data"));
            assertEquals(before.size(), after.size(), "each refused again, each kept once");
            assertEquals(before.stream().map(l -> l.get("payload")).toList().size(), after.stream().map(l -> l.get("payload")).distinct().count());
        }
    }
}
