package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be synced is counted in the summary, kept with its reason, and makes the run exit 1. */
class FailuresAreCountedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> deadLetters(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("dead-letter");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void a_token_github_refuses_fails_every_day_with_the_variable_named_and_exit_1(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("GITHUB_TOKEN", "ghp_wrongwrongwrongwrongwrongwrongwrong");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("GitHub answered 401") && run.out().contains("GITHUB_TOKEN"), run.out());
            assertTrue(run.out().contains("Result: FAILED"), run.out());
            assertTrue(standIns.port.holdings().isEmpty());
        }
    }

    @Test
    void port_credentials_port_refuses_fail_the_run_with_the_variables_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("PORT_CLIENT_SECRET", "not-the-secret");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("run failed") && run.out().contains("PORT_CLIENT_SECRET"), run.out());
        }
    }

    @Test
    void a_malformed_report_line_is_dead_lettered_with_its_place_the_rest_is_synced_and_the_day_is_not_final(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", StandIns.LAST_DAY, "{\"user_login\": \"cut-off\n");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("failed 1 (user-usage-metrics, octo-org): malformed NDJSON line (dead-lettered; read again next run)"),
                    run.out());
            // the file is read by both kinds built on it: each keeps its dead letter
            List<JsonNode> letters = deadLetters(dir);
            assertEquals(java.util.Set.of("user-usage-metrics", "team-usage-metrics"),
                    letters.stream().map(l -> l.get("kind").asText()).collect(java.util.stream.Collectors.toSet()));
            assertEquals(2, letters.size());
            JsonNode letter = letters.get(0);
            assertEquals(StandIns.LAST_DAY.toString(), letter.get("day").asText());
            assertTrue(letter.get("source").asText().matches("http://127\\.0\\.0\\.2:\\d+/reports/orgs/octo-org/users-1-day/.+/1\\.ndjson line \\d+"),
                    letter.get("source").asText());
            assertEquals("{\"user_login\": \"cut-off", letter.get("payload").asText());
            assertEquals("failed", letter.get("outcome").asText());
            long held = standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream()
                    .filter(id -> id.endsWith("@octo-org@" + StandIns.LAST_DAY)).count();
            assertEquals(standIns.data.userRows("octo-org", StandIns.LAST_DAY).size(), held);

            // GitHub serves the file whole again: the next run reads that day (and only the failed days) once more
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", StandIns.LAST_DAY, "");
            StandIns.Run rerun = standIns.run("--once");
            assertEquals(0, rerun.exitCode(), rerun.out());
            assertTrue(rerun.out().contains("Result: every kind succeeded"), rerun.out());
            assertTrue(rerun.out().lines().anyMatch(l -> l.matches("user-usage-metrics\\s+octo-org\\s+[12]\\s+[01]\\s+0\\s+.*")),
                    "the failed day is read again: " + rerun.out());
        }
    }

    @Test
    void records_of_the_wrong_shape_fail_and_records_without_identifier_are_dropped_each_dead_lettered_as_such(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", StandIns.LAST_DAY, "5\nnull\n{\"user_login\":[\"x\"],\"day\":\"" + StandIns.LAST_DAY + "\"}\n");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), "a record that cannot be mapped is a failure: " + run.out());
            assertTrue(run.out().contains("(user-usage-metrics, octo-org): record could not be mapped"), run.out());
            assertTrue(run.out().contains("dropped 2 (user-usage-metrics, octo-org): kind 'user-usage-metrics' (resources[2]): identifier is null or empty"), run.out());
            List<JsonNode> letters = deadLetters(dir);
            assertTrue(letters.stream().anyMatch(l -> l.get("kind").asText().equals("user-usage-metrics") && l.get("payload").toString().equals("5")
                    && l.get("reason").asText().startsWith("record could not be mapped") && l.get("outcome").asText().equals("failed")),
                    letters.toString());
            assertEquals(2, letters.stream().filter(l -> l.get("kind").asText().equals("user-usage-metrics")
                    && l.get("outcome").asText().equals("dropped") && l.get("reason").asText().contains("identifier is null or empty")).count(),
                    letters.toString());
            assertEquals(standIns.data.userRows("octo-org", StandIns.LAST_DAY).size(), standIns.port.holdings().get("githubCopilotUserUsage").keySet()
                    .stream().filter(id -> id.endsWith("@octo-org@" + StandIns.LAST_DAY)).count());
        }
    }

    @Test
    void entities_port_refuses_in_a_207_are_counted_failed_and_dead_lettered_with_ports_reason(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("mappings/port-app-config.yaml");
        Files.createDirectories(mapping.getParent());
        Files.writeString(mapping, Files.readString(Path.of("mappings/port-app-config.yaml"))
                .replace("            used_cli: '.used_cli'", "            used_cli: 'if .used_cli then \"yes\" else .used_cli end'"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("MAPPING_FILE", mapping.toString());
            Files.createDirectories(dir.resolve("mappings/blueprints"));
            try (Stream<Path> files = Files.list(Path.of("mappings/blueprints"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve("mappings/blueprints").resolve(f.getFileName()));
                }
            }
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            List<com.fasterxml.jackson.databind.node.ObjectNode> rows = new java.util.ArrayList<>(standIns.data.allUserRows().toList());
            standIns.data.days().stream().map(standIns.data::enterpriseUserRows).filter(java.util.Objects::nonNull).forEach(rows::addAll);
            long cliUsers = rows.stream().filter(u -> u.get("used_cli").asBoolean()).count();
            assertTrue(cliUsers > 0);
            List<JsonNode> letters = deadLetters(dir.resolve("data"));
            assertEquals(cliUsers, letters.size());
            assertTrue(letters.get(0).get("reason").asText().contains("property 'used_cli' should be boolean, got \"yes\""),
                    letters.get(0).toString());
            assertTrue(run.out().contains("failed " ), run.out());
            long held = standIns.port.holdings().get("githubCopilotUserUsage").size();
            assertEquals(rows.size() - cliUsers, held, "the accepted entities of each 207 are kept");
        }
    }

    @Test
    void one_entity_that_gets_its_whole_request_refused_is_isolated_and_the_others_of_the_request_are_delivered(@TempDir Path dir)
            throws Exception {
        java.util.Map<String, java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> clean =
                StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            String login = standIns.data.userRows("octo-org", StandIns.LAST_DAY).get(0).get("user_login").asText();
            String bad = login + "@octo-org@" + StandIns.LAST_DAY;
            PortFaults.of(standIns.port).rejectWhole(bad);
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), "a failed entity is a failure:\n" + run.out());

            List<Integer> refused = PortFaults.of(standIns.port).wholeRejections();
            assertTrue(refused.get(0) > 1 && refused.get(refused.size() - 1) == 1, refused.toString());
            for (int i = 1; i < refused.size(); i++) {
                int before = refused.get(i - 1);
                assertTrue(refused.get(i) == before / 2 || refused.get(i) == before - before / 2, "halved each time: " + refused);
            }
            java.util.Map<String, java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> expected = new java.util.TreeMap<>(clean);
            java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> users = new java.util.TreeMap<>(expected.get("githubCopilotUserUsage"));
            assertTrue(users.remove(bad) != null, "the entity exists in a clean run");
            expected.put("githubCopilotUserUsage", users);
            assertEquals(expected, standIns.port.holdings(), "every other entity, those of its request too, reached Port");

            List<JsonNode> letters = deadLetters(dir.resolve("data"));
            assertEquals(1, letters.size(), letters.toString());
            assertEquals(bad, letters.get(0).get("payload").get("identifier").asText());
            String reason = letters.get(0).get("reason").asText();
            assertTrue(reason.startsWith("Port refused entity '" + bad + "' of blueprint 'githubCopilotUserUsage' (422): The provided"
                    + " entity does not match the blueprint's schema"), reason);
            assertTrue(run.out().contains("failed 1 (user-usage-metrics, octo-org): " + reason), run.out());

            StandIns.Run again = standIns.run("--once");
            assertEquals(1, again.exitCode(), again.out());
            assertEquals(refused.size() + 1, PortFaults.of(standIns.port).wholeRejections().size(), "the rerun sends the refused entity alone");
            assertEquals(1, PortFaults.of(standIns.port).wholeRejections().get(refused.size()));
        }
    }
}
