package io.copilotportsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preview}: the shipped mapping applied offline to raw items, one entity a line; no credentials needed. */
class PreviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "src/test/resources/fixtures/users-report-row.json";

    @Test
    void a_raw_users_row_previews_as_the_entity_port_would_get() throws Exception {
        StandIns.Run run = StandIns.run(Map.of(), "", "preview", "--kind", "user-usage-metrics", "--input", ROW);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        JsonNode entity = JSON.readTree(lines.get(0));
        assertEquals("githubCopilotUserUsage", entity.get("blueprint").asText());
        assertEquals("login1@octo-org@2025-10-01", entity.get("identifier").asText());
        assertEquals(List.of("blueprint", "identifier", "title", "properties", "relations"), fieldNames(entity));
        assertEquals(true, entity.get("properties").get("used_cli").asBoolean());
        assertTrue(run.err().contains("1 items, 1 entities"), run.err());
    }

    @Test
    void ndjson_from_stdin_previews_one_entity_per_line_and_reports_drops_on_stderr() throws Exception {
        String row = JSON.readTree(Files.readString(Path.of(ROW))).toString();
        String stdin = row + "\n" + row.replace("\"login1\"", "\"login2\"") + "\n{\"day\":\"2025-10-01\"}";
        StandIns.Run run = StandIns.run(Map.of(), stdin, "preview", "--kind", "user-usage-metrics", "--input", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.err().contains("item 3: dropped:") && run.err().contains("identifier"), run.err());
    }

    @Test
    void an_expression_that_fails_on_an_item_is_reported_with_the_item_number(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("port-app-config.yaml");
        Files.writeString(mapping, """
                resources:
                  - kind: user-usage-metrics
                    selector:
                      query: 'true'
                    port:
                      entity:
                        mappings:
                          identifier: .user_login
                          blueprint: '"u"'
                          properties:
                            ratio: .a / .b
                """);
        StandIns.Run run = StandIns.run(Map.of("MAPPING_FILE", mapping.toString()),
                "{\"user_login\":\"x\",\"a\":1,\"b\":2}\n{\"user_login\":\"y\",\"a\":\"s\",\"b\":2}",
                "preview", "--kind", "user-usage-metrics", "--input", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.out().lines().count());
        assertTrue(run.err().contains("item 2: error: kind 'user-usage-metrics' (resources[0]), field 'properties.ratio' failed"), run.err());
        assertTrue(!run.err().contains("item 1: error"), run.err());
    }

    @Test
    void a_json_array_previews_every_element(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("rows.json");
        String row = Files.readString(Path.of(ROW));
        Files.writeString(input, "[" + row + "," + row + "]");
        StandIns.Run run = StandIns.run(Map.of(), "", "preview", "--kind", "user-usage-metrics", "--input", input.toString());
        assertEquals(2, run.out().lines().count(), run.out() + run.err());
    }

    @Test
    void a_kind_the_mapping_does_not_have_is_a_configuration_error() {
        StandIns.Run run = StandIns.run(Map.of(), "", "preview", "--kind", "copilot-usage", "--input", ROW);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no resource of kind 'copilot-usage'"), run.err());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
