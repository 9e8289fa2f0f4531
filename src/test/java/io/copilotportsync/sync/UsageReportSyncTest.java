package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real {@code --once} sync of organization-usage-metrics and user-usage-metrics from the GitHub stand-in into the
 * Port stand-in, over HTTP, with the shipped routes and mappings; the expected entities are computed here from
 * the generated users' rows, not by the code under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageReportSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dataDir;
    private StandIns standIns;
    private StandIns.Run run;
    private List<String> logLines;

    @BeforeAll
    void syncOnce(@TempDir Path dataDir) throws Exception {
        this.dataDir = dataDir;
        standIns = new StandIns(dataDir);
        try (LogCapture logs = new LogCapture("DEBUG")) {
            run = standIns.run("--once");
            logLines = logs.lines();
        }
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    @Test
    void a_once_run_exits_0_and_summarises_every_kind_and_organization() {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        for (String org : StandIns.ORGS) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("organization-usage-metrics") && l.contains(org)), run.out());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("user-usage-metrics") && l.contains(org)), run.out());
        }
        assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
    }

    @Test
    void organization_usage_days_reach_port_as_one_entity_per_org_and_day_with_the_users_sums() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (SandboxData.Organization org : standIns.data.organizations()) {
            for (LocalDate day : standIns.data.days()) {
                List<ObjectNode> users = standIns.data.userRows(org.login(), day);
                if (users == null) {
                    continue;
                }
                Map<String, Object> p = new TreeMap<>();
                p.put("record_date", day + "T00:00:00Z");
                p.put("organization", org.login());
                p.put("daily_active_users", (long) users.size());
                p.put("daily_active_cli_users", users.stream().filter(u -> u.get("used_cli").asBoolean()).count());
                for (String counter : List.of("code_generation_activity_count", "code_acceptance_activity_count",
                        "loc_added_sum", "loc_deleted_sum", "loc_suggested_to_add_sum", "user_initiated_interaction_count")) {
                    p.put(counter, users.stream().mapToLong(u -> u.get(counter).asLong()).sum());
                }
                p.put("cli_request_count", users.stream().mapToLong(u -> u.path("totals_by_cli").path("request_count").asLong()).sum());
                expected.put(org.login() + "@" + day, p);
            }
        }
        Map<String, ObjectNode> held = ofOrganizations("githubCopilotOrganizationUsage");
        assertEquals(expected.keySet(), held.keySet());
        expected.forEach((id, properties) -> assertEquals(properties, pick(held.get(id), properties.keySet()), id));
    }

    @Test
    void user_usage_rows_reach_port_as_one_entity_per_login_org_and_day() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (SandboxData.Organization org : standIns.data.organizations()) {
            for (LocalDate day : standIns.data.days()) {
                for (ObjectNode u : standIns.data.userRows(org.login(), day) == null ? List.<ObjectNode>of()
                        : standIns.data.userRows(org.login(), day)) {
                    Map<String, Object> p = new TreeMap<>();
                    p.put("login", u.get("user_login").asText());
                    p.put("user_id", u.get("user_id").asLong());
                    p.put("organization", org.login());
                    p.put("code_generation_activity_count", u.get("code_generation_activity_count").asLong());
                    p.put("loc_added_sum", u.get("loc_added_sum").asLong());
                    p.put("used_chat", u.get("used_chat").asBoolean());
                    p.put("used_agent", u.get("used_agent").asBoolean());
                    p.put("used_cli", u.get("used_cli").asBoolean());
                    p.put("ides", List.of(u.get("totals_by_ide").get(0).get("ide").asText()));
                    JsonNode version = u.get("totals_by_ide").get(0).get("last_known_ide_version");
                    p.put("ide_version", version == null || version.isNull() ? null : version.get("ide_version").asText());
                    p.put("cli_request_count", u.has("totals_by_cli") ? u.get("totals_by_cli").get("request_count").asLong() : null);
                    expected.put(u.get("user_login").asText() + "@" + org.login() + "@" + day, p);
                }
            }
        }
        Map<String, ObjectNode> held = ofOrganizations("githubCopilotUserUsage");
        assertEquals(expected.keySet(), held.keySet());
        expected.forEach((id, properties) -> assertEquals(properties, pick(held.get(id), properties.keySet()), id));
        // the same person active in two organizations on one day is two entities, not one overwritten by the other
        long inBoth = expected.keySet().stream().filter(id -> id.startsWith("octocat@octo-org@"))
                .filter(id -> expected.containsKey(id.replace("@octo-org@", "@acme-eng@"))).count();
        assertTrue(inBoth > 0, "the generated data has octocat active in both organizations on some day");
    }

    @Test
    void every_mapped_property_is_one_the_shipped_blueprint_declares() throws Exception {
        for (String blueprint : List.of("githubCopilotOrganizationUsage", "githubCopilotUserUsage")) {
            JsonNode file = JSON.readTree(Path.of("mappings/blueprints", blueprint + ".json").toFile());
            TreeSet<String> declared = new TreeSet<>();
            file.path("schema").path("properties").fieldNames().forEachRemaining(declared::add);
            for (ObjectNode entity : standIns.port.holdings().get(blueprint).values()) {
                TreeSet<String> sent = new TreeSet<>();
                entity.get("properties").fieldNames().forEachRemaining(sent::add);
                assertEquals(declared, sent, blueprint + " " + entity.get("identifier"));
            }
            assertTrue(file.path("calculationProperties").has("acceptance_rate"), blueprint);
            assertTrue(standIns.port.blueprints().containsKey(blueprint), "blueprint created in Port: " + blueprint);
        }
    }

    @Test
    void a_users_report_split_over_two_links_is_read_from_both() {
        List<String> userFiles = standIns.github.downloads().requests().stream()
                .map(StandInServer.Request::path).filter(p -> p.contains("/users-1-day/")).toList();
        assertTrue(userFiles.stream().anyMatch(p -> p.endsWith("/1.ndjson")), userFiles.toString());
        assertTrue(userFiles.stream().anyMatch(p -> p.endsWith("/2.ndjson")), userFiles.toString());
        String day = StandIns.LAST_DAY.toString();
        long held = standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream()
                .filter(id -> id.endsWith("@octo-org@" + day)).count();
        assertEquals(standIns.data.userRows("octo-org", StandIns.LAST_DAY).size(), held);
    }

    @Test
    void a_day_without_a_report_answers_204_and_is_counted_as_no_data() {
        String[] orgDay = StandIns.DAY_WITHOUT_DATA.split("@");
        assertTrue(standIns.github.requests().stream().anyMatch(r -> r.path().equals("/orgs/acme-eng/copilot/metrics/reports/users-1-day")
                && r.query().equals("day=" + orgDay[1])));
        assertFalse(standIns.port.holdings().get("githubCopilotOrganizationUsage").containsKey(StandIns.DAY_WITHOUT_DATA));
        // acme-eng: the day before the data and the day without a report; octo-org: only the day before
        String line = run.out().lines().filter(l -> l.startsWith("organization-usage-metrics") && l.contains("acme-eng"))
                .findFirst().orElseThrow();
        assertEquals(List.of("organization-usage-metrics", "acme-eng", "5", "2", "0", "3", "3", "0", "0", "0", "0"), List.of(line.trim().split("\\s+")));
    }

    @Test
    void an_organization_report_of_one_object_without_a_trailing_newline_is_read() {
        // the stand-in serves organization reports as one JSON object with no newline, as GitHub's tiny files are
        assertEquals(standIns.data.days().size() * 2 - 1, ofOrganizations("githubCopilotOrganizationUsage").size());
    }

    @Test
    void every_github_call_carries_accept_version_and_token_and_no_download_carries_any_credential() {
        assertFalse(standIns.github.requests().isEmpty());
        for (StandInServer.Request r : standIns.github.requests()) {
            assertEquals("application/vnd.github+json", r.header("Accept"));
            assertEquals("2026-03-10", r.header("X-GitHub-Api-Version"));
            assertEquals("Bearer " + standIns.github.token(), r.header("Authorization"));
        }
        assertFalse(standIns.github.downloads().requests().isEmpty());
        for (StandInServer.Request r : standIns.github.downloads().requests()) {
            assertNull(r.header("Authorization"), r.path());
            assertNull(r.header("Cookie"), r.path());
            assertNull(r.header("X-GitHub-Api-Version"), r.path());
        }
    }

    @Test
    void port_receives_bulk_upserts_of_at_most_20_entities_with_upsert_and_merge() {
        List<StandInServer.Request> bulks = new ArrayList<>();
        for (StandInServer.Request r : standIns.port.requests()) {
            if (r.path().endsWith("/entities/bulk")) {
                bulks.add(r);
                assertEquals("upsert=true&merge=true&create_missing_related_entities=true", r.query());
            }
        }
        long entities = standIns.port.holdings().values().stream().mapToLong(Map::size).sum();
        // batches fill per blueprint: a partial batch per blueprint at a completion timeout or the final flush
        int blueprints = standIns.port.holdings().size();
        assertTrue(bulks.size() <= Math.ceil(entities / 20.0) + 2 * blueprints, bulks.size() + " requests for " + entities);
        long tokenRequests = standIns.port.requests().stream().filter(r -> r.path().equals("/v1/auth/access_token")).count();
        assertEquals(1, tokenRequests, "the access token is fetched once and cached");
    }

    @Test
    void no_secret_reaches_any_log_line_even_at_debug() {
        assertTrue(logLines.size() > 20, "the capture saw the run: " + logLines.size());
        List<String> secrets = new ArrayList<>(List.of(standIns.github.token(), standIns.clientSecret, standIns.github.signature()));
        secrets.addAll(standIns.port.issuedTokens());
        for (String line : logLines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "secret in log line: " + line);
            }
        }
        for (String secret : secrets) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), "secret on the terminal");
        }
    }

    @Test
    void nothing_is_dead_lettered_in_a_clean_run() {
        assertFalse(Files.exists(dataDir.resolve("dead-letter")));
    }

    /** The entities of a blueprint that come from an organization (not from the enterprise). */
    private Map<String, ObjectNode> ofOrganizations(String blueprint) {
        Map<String, ObjectNode> held = new TreeMap<>(standIns.port.holdings().get(blueprint));
        held.values().removeIf(e -> e.get("properties").get("organization").isNull());
        return held;
    }

    private static Map<String, Object> pick(ObjectNode entity, Iterable<String> names) {
        Map<String, Object> out = new TreeMap<>();
        JsonNode properties = entity.get("properties");
        for (String name : names) {
            out.put(name, plain(properties.get(name)));
        }
        return out;
    }

    private static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                list.add(plain(it.next()));
            }
            return list;
        }
        return v.asText();
    }
}
