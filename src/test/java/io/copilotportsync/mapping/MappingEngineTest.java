package io.copilotportsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port's mapping semantics, each on a small mapping file of the kind users write. */
class MappingEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MappingEngine engine(String resources) throws Exception {
        Path file = dir.resolve("port-app-config.yaml");
        Files.writeString(file, "resources:\n" + resources);
        return MappingEngine.load(file);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String USER = """
              - kind: user-usage-metrics
                selector:
                  query: %s
                port:
                  entity:
                    mappings:
                      identifier: %s
                      title: .user_login
                      blueprint: '"githubCopilotUserUsage"'
                      properties:
                        chats: %s
                      relations: {}
            """;

    @Test
    void a_jq_expression_that_does_not_compile_stops_start_up_naming_file_kind_and_field() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "resources:\n" + USER.formatted("'true'", ".user_login", "'.used_chat | ('"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MappingEngine.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("kind 'user-usage-metrics'"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'properties.chats'"), e.getMessage());
    }

    @Test
    void a_broken_mapping_file_is_exit_code_2_for_a_sync_naming_file_kind_and_field() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "resources:\n" + USER.formatted("'true'", "'.user_login +'", ".used_chat"));
        StandIns.Run run = StandIns.run(Map.of("GITHUB_TOKEN", "t", "GITHUB_ORGS", "o", "PORT_CLIENT_ID", "i",
                "PORT_CLIENT_SECRET", "s", "MAPPING_FILE", file.toString()), "", "--once");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(file.toString()) && run.err().contains("kind 'user-usage-metrics'")
                && run.err().contains("field 'identifier'"), run.err());
    }

    @Test
    void an_unknown_kind_stops_start_up_naming_it() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "resources:\n" + USER.replace("user-usage-metrics", "user-usage-metric")
                .formatted("'true'", ".user_login", ".used_chat"));
        StandIns.Run run = StandIns.run(Map.of("GITHUB_TOKEN", "t", "GITHUB_ORGS", "o", "PORT_CLIENT_ID", "i",
                "PORT_CLIENT_SECRET", "s", "MAPPING_FILE", file.toString()), "", "--once");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("kind 'user-usage-metric' is unknown"), run.err());
    }

    @Test
    void the_selector_filters_items_and_a_non_boolean_selector_refuses_the_item_with_a_reason() throws Exception {
        MappingEngine filtering = engine(USER.formatted("'.used_chat == true'", ".user_login", ".used_chat"));
        assertEquals(1, filtering.map("user-usage-metrics", json("{\"user_login\":\"a\",\"used_chat\":true}")).entities().size());
        MappingOutcome skipped = filtering.map("user-usage-metrics", json("{\"user_login\":\"a\",\"used_chat\":false}"));
        assertEquals(0, skipped.entities().size());
        assertEquals(0, skipped.dropped().size(), "a false selector filters; it is not an error");

        MappingEngine nonBoolean = engine(USER.formatted("'.used_chat'", ".user_login", ".used_chat"));
        MappingOutcome outcome = nonBoolean.map("user-usage-metrics", json("{\"user_login\":\"a\",\"used_chat\":\"yes\"}"));
        assertEquals(0, outcome.entities().size());
        assertTrue(outcome.refused().get(0).contains("selector.query gave \"yes\", not a boolean"), outcome.refused().toString());
    }

    @Test
    void only_the_first_output_of_an_expression_counts() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", "'.ides[]'"));
        PortEntity entity = e.map("user-usage-metrics", json("{\"user_login\":\"a\",\"ides\":[\"vscode\",\"neovim\"]}")).entities().get(0);
        assertEquals("vscode", entity.body().get("properties").get("chats").asText());
    }

    @Test
    void a_null_or_empty_identifier_drops_the_entity_with_its_reason() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", ".used_chat"));
        MappingOutcome missing = e.map("user-usage-metrics", json("{\"used_chat\":true}"));
        assertEquals(List.of(), missing.entities());
        assertTrue(missing.dropped().get(0).contains("identifier is null or empty"), missing.dropped().toString());
        MappingOutcome empty = e.map("user-usage-metrics", json("{\"user_login\":\"\"}"));
        assertEquals(1, empty.dropped().size());
    }

    @Test
    void an_identifier_port_would_refuse_is_refused_before_sending_not_dropped() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", ".used_chat"));
        MappingOutcome outcome = e.map("user-usage-metrics", json("{\"user_login\":\"has space\"}"));
        assertTrue(outcome.refused().get(0).contains("does not match Port's identifier pattern"), outcome.refused().toString());
    }

    @Test
    void an_expression_that_fails_on_an_item_gives_null_and_the_entity_is_still_sent() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", "'.count + \"x\"'"));
        PortEntity entity = e.map("user-usage-metrics", json("{\"user_login\":\"a\",\"count\":3}")).entities().get(0);
        assertTrue(entity.body().get("properties").get("chats").isNull());
    }

    @Test
    void items_to_parse_expands_an_array_into_one_entity_each() throws Exception {
        MappingEngine e = engine("""
                  - kind: user-usage-metrics
                    selector:
                      query: 'true'
                    port:
                      itemsToParse: .totals_by_ide
                      entity:
                        mappings:
                          identifier: .user_login + "@" + .item.ide
                          blueprint: '"ideUsage"'
                          properties:
                            generated: .item.code_generation_activity_count
                """);
        MappingOutcome outcome = e.map("user-usage-metrics", json(
                "{\"user_login\":\"a\",\"totals_by_ide\":[{\"ide\":\"vscode\",\"code_generation_activity_count\":2},"
                        + "{\"ide\":\"neovim\",\"code_generation_activity_count\":5}]}"));
        assertEquals(List.of("a@vscode", "a@neovim"), outcome.entities().stream().map(PortEntity::identifier).toList());
        assertEquals(5, outcome.entities().get(1).body().get("properties").get("generated").asInt());
    }

    @Test
    void items_to_parse_name_names_the_expanded_element() throws Exception {
        MappingEngine e = engine("""
                  - kind: user-usage-metrics
                    selector:
                      query: 'true'
                    port:
                      itemsToParse: .totals_by_ide
                      itemsToParseName: ide
                      entity:
                        mappings:
                          identifier: .user_login + "@" + .ide.ide
                          blueprint: '"ideUsage"'
                """);
        assertEquals(List.of("a@vscode"), e.map("user-usage-metrics", json("{\"user_login\":\"a\",\"totals_by_ide\":[{\"ide\":\"vscode\"}]}"))
                .entities().stream().map(PortEntity::identifier).toList());
    }

    @Test
    void several_resources_of_one_kind_each_yield_their_entity() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", ".used_chat")
                + USER.formatted("'true'", "'.user_login + \"-copy\"'", ".used_chat"));
        assertEquals(List.of("a", "a-copy"), e.map("user-usage-metrics", json("{\"user_login\":\"a\"}")).entities()
                .stream().map(PortEntity::identifier).toList());
    }

    @Test
    void relations_single_and_many_team_and_icon_reach_the_entity() throws Exception {
        MappingEngine e = engine("""
                  - kind: copilot-seats
                    selector:
                      query: 'true'
                    port:
                      entity:
                        mappings:
                          identifier: .assignee.login
                          title: .assignee.login
                          blueprint: '"githubCopilotSeat"'
                          team: .assigning_team.slug
                          icon: '"Github"'
                          properties: {}
                          relations:
                            organization: .__organization.login
                            teams: '[.teams[]?.slug]'
                """);
        PortEntity entity = e.map("copilot-seats", json("{\"assignee\":{\"login\":\"mona\"},\"assigning_team\":{\"slug\":\"platform\"},"
                + "\"teams\":[{\"slug\":\"a\"},{\"slug\":\"b\"}],\"__organization\":{\"login\":\"octo-org\"}}")).entities().get(0);
        assertEquals("octo-org", entity.body().get("relations").get("organization").asText());
        assertEquals(json("[\"a\",\"b\"]"), entity.body().get("relations").get("teams"));
        assertEquals("platform", entity.body().get("team").asText());
        assertEquals("Github", entity.body().get("icon").asText());
    }

    @Test
    void a_field_that_fails_is_reported_per_item_for_preview() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", ".user_login", "'.count + \"x\"'"));
        MappingOutcome outcome = e.map("user-usage-metrics", json("{\"user_login\":\"a\",\"count\":3}"));
        assertEquals(1, outcome.errors().size());
        assertTrue(outcome.errors().get(0).contains("kind 'user-usage-metrics' (resources[0]), field 'properties.chats' failed"),
                outcome.errors().toString());
    }

    @Test
    void numbers_print_as_jq_prints_them_in_identifiers_and_properties() throws Exception {
        MappingEngine e = engine(USER.formatted("'true'", "'\"\\(.n)@\\(.d | todate)\"'", "'.r | round'"));
        PortEntity entity = e.map("user-usage-metrics", json("{\"n\":2.0,\"d\":1759276800,\"r\":2.5}")).entities().get(0);
        assertEquals("2@2025-10-01T00:00:00Z", entity.identifier());
        assertEquals("3", entity.body().get("properties").get("chats").toString());
    }

    @Test
    void the_shipped_mapping_maps_github_reference_rows() throws Exception {
        MappingEngine shipped = MappingEngine.load(Path.of("mappings/port-app-config.yaml"));
        JsonNode row = json(Files.readString(Path.of("src/test/resources/fixtures/users-report-row.json")));
        PortEntity user = shipped.map("user-usage-metrics", row).entities().get(0);
        assertEquals("login1@octo-org@2025-10-01", user.identifier());
        assertEquals("githubCopilotUserUsage", user.blueprint());
        assertEquals(2, user.body().get("properties").get("cli_request_count").asInt());
        assertEquals("1.85.0", user.body().get("properties").get("ide_version").asText());
        assertEquals("2025-10-01T00:00:00Z", user.body().get("properties").get("record_date").asText());
    }
}
