package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real {@code --once} sync of repository-usage-metrics from the GitHub stand-in's repos-1-day reports (two
 * organizations and the enterprise) into the Port stand-in, with the shipped routes and mapping. The expected
 * entities are computed here from the generated rows, field by field, not by the mapping under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryUsageSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String KIND = "repository-usage-metrics";
    private static final String BLUEPRINT = "githubCopilotRepositoryUsage";
    private static final String ENT = Sandbox.ENTERPRISE;
    private static final List<String> COUNTERS = List.of("total_created", "total_reviewed", "total_merged", "total_suggestions",
            "total_applied_suggestions", "total_created_by_copilot", "total_reviewed_by_copilot", "total_merged_created_by_copilot",
            "total_merged_reviewed_by_copilot", "total_copilot_suggestions", "total_copilot_applied_suggestions");
    private static final List<String> MEDIANS = List.of("median_minutes_to_merge", "median_minutes_to_merge_copilot_authored",
            "median_minutes_to_merge_copilot_reviewed");
    private static final List<String> REVIEW_STAGES = List.of("median_minutes_ready_to_first_review", "p90_minutes_ready_to_first_review",
            "median_minutes_first_to_final_review", "p90_minutes_first_to_final_review", "median_minutes_final_review_to_merge",
            "p90_minutes_final_review_to_merge");

    private StandIns standIns;
    private StandIns.Run run;
    private SandboxData data;

    @BeforeAll
    void syncOnce(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir);
        data = standIns.data;
        standIns.env.put("SYNC_KINDS", KIND);
        run = standIns.run("--once");
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    @Test
    void a_once_run_of_the_kind_exits_0_and_summarises_each_organization_and_the_enterprise() {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        for (String scope : List.of("octo-org", "acme-eng", "enterprise:" + ENT)) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(KIND) && l.contains(scope)), scope + "\n" + run.out());
        }
        assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
    }

    @Test
    void repository_days_reach_port_as_one_entity_per_repository_organization_and_day() {
        Map<String, Map<String, JsonNode>> expected = new TreeMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (LocalDate day : data.days()) {
                for (ObjectNode row : orEmpty(data.repositories().rows(org.login(), day))) {
                    expected.put(fullName(row) + "@" + org.login() + "@" + day, expectedProperties(row, org.login(), null));
                }
            }
        }
        assertFalse(expected.isEmpty(), "the generated data has repository rows");
        assertEquals(expected, actual(e -> e.get("properties").path("organization").asText(null) != null, expected));
    }

    @Test
    void enterprise_repository_days_reach_port_under_the_enterprise_and_hold_every_organizations_repositories() {
        Map<String, Map<String, JsonNode>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            for (ObjectNode row : orEmpty(data.repositories().enterpriseRows(day))) {
                expected.put(fullName(row) + "@" + ENT + "@" + day, expectedProperties(row, null, ENT));
            }
        }
        assertEquals(expected, actual(e -> ENT.equals(e.get("properties").path("enterprise").asText(null)), expected));
        // the enterprise's report is its organizations' reports together: the same repository days, under the enterprise
        Set<String> ofOrganizations = new TreeSet<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (LocalDate day : data.days()) {
                orEmpty(data.repositories().rows(org.login(), day)).forEach(r -> ofOrganizations.add(fullName(r) + "@" + ENT + "@" + day));
            }
        }
        assertEquals(ofOrganizations, expected.keySet());
    }

    @Test
    void rows_without_review_times_with_an_empty_array_or_without_medians_give_null_properties() {
        List<ObjectNode> rows = new ArrayList<>();
        data.days().forEach(d -> rows.addAll(orEmpty(data.repositories().enterpriseRows(d))));
        // the cases the data was made for; their expected nulls are checked entity by entity in the tests above
        assertTrue(rows.stream().anyMatch(r -> !r.has("pull_request_review_times")), "rows from before review times");
        assertTrue(rows.stream().anyMatch(r -> r.path("pull_request_review_times").isArray() && r.get("pull_request_review_times").isEmpty()),
                "rows of days without a qualifying merge");
        assertTrue(rows.stream().anyMatch(r -> r.get("pull_requests").path("median_minutes_to_merge").isNull()), "a null median");
        assertTrue(rows.stream().anyMatch(r -> !r.get("pull_requests").has("median_minutes_to_merge")), "a missing median");
        ObjectNode without = rows.stream().filter(r -> !r.has("pull_request_review_times")).findFirst().orElseThrow();
        JsonNode held = standIns.port.holdings().get(BLUEPRINT).get(fullName(without) + "@" + ENT + "@" + without.get("day").asText());
        assertTrue(held.get("properties").get("review_median_minutes_ready_to_first_review").isNull(), held.toString());
        assertTrue(held.get("properties").get("pull_request_review_times").isNull(), held.toString());
    }

    @Test
    void a_day_without_a_report_answers_204_and_gives_no_entity() {
        String[] orgDay = StandIns.DAY_WITHOUT_DATA.split("@");
        String report = "/orgs/" + orgDay[0] + "/copilot/metrics/reports/repos-1-day";
        assertTrue(standIns.github.requests().stream().anyMatch(r -> r.path().equals(report) && r.query().equals("day=" + orgDay[1])));
        assertTrue(standIns.port.holdings().get(BLUEPRINT).keySet().stream().noneMatch(id -> id.endsWith("@" + StandIns.DAY_WITHOUT_DATA)));
        // the day before the generated data is asked for too, for every scope, and gives nothing
        String before = standIns.firstDay().minusDays(1).toString();
        assertEquals(3, standIns.github.requests().stream().filter(r -> r.path().endsWith("/copilot/metrics/reports/repos-1-day")
                && r.query().equals("day=" + before)).count());
        assertTrue(standIns.port.holdings().get(BLUEPRINT).keySet().stream().noneMatch(id -> id.endsWith("@" + before)));
    }

    @Test
    void a_repos_report_split_over_two_links_is_read_from_both() {
        List<String> files = standIns.github.downloads().requests().stream()
                .map(StandInServer.Request::path).filter(p -> p.contains("/repos-1-day/")).toList();
        assertTrue(files.stream().anyMatch(p -> p.endsWith("/2.ndjson")), files.toString());
        LocalDate day = StandIns.LAST_DAY;
        long held = standIns.port.holdings().get(BLUEPRINT).keySet().stream().filter(id -> id.endsWith("@" + ENT + "@" + day)).count();
        assertEquals(data.repositories().enterpriseRows(day).size(), held);
    }

    @Test
    void every_mapped_property_is_one_the_shipped_blueprint_declares_and_the_blueprint_is_created() throws Exception {
        JsonNode file = JSON.readTree(Path.of("mappings/blueprints", BLUEPRINT + ".json").toFile());
        TreeSet<String> declared = new TreeSet<>();
        file.path("schema").path("properties").fieldNames().forEachRemaining(declared::add);
        for (ObjectNode entity : standIns.port.holdings().get(BLUEPRINT).values()) {
            TreeSet<String> sent = new TreeSet<>();
            entity.get("properties").fieldNames().forEachRemaining(sent::add);
            assertEquals(declared, sent, entity.get("identifier").asText());
        }
        assertTrue(standIns.port.blueprints().containsKey(BLUEPRINT));
    }

    @Test
    void a_first_sync_reads_28_daily_repos_reports_per_scope_and_never_asks_for_a_28_day_one(@TempDir Path dir) throws Exception {
        LocalDate newest = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        SandboxData settled = SandboxData.generate(11, StandIns.ORGS, 6, newest, 30, Set.of(), Sandbox.ENTERPRISE);
        try (StandIns first = new StandIns(dir, settled)) {
            first.env.put("SYNC_KINDS", KIND);
            StandIns.Run sync = first.run("--once");
            assertEquals(0, sync.exitCode(), sync.out() + sync.err());
            assertEquals(28 * (StandIns.ORGS.size() + 1), first.github.manifestCalls("repos-1-day"));
            assertTrue(first.github.requests().stream().noneMatch(r -> r.path().contains("repos-28-day")));
        }
    }

    private static List<ObjectNode> orEmpty(List<ObjectNode> rows) {
        return rows == null ? List.of() : rows;
    }

    private static String fullName(JsonNode row) {
        return row.get("repo_owner_name").asText() + "/" + row.get("repo_name").asText();
    }

    /** What Port should hold for a row, read straight from GitHub's field names; numbers compared as numbers. */
    private static Map<String, JsonNode> expectedProperties(ObjectNode row, String org, String ent) {
        Map<String, JsonNode> p = new TreeMap<>();
        p.put("record_date", F.textNode(row.get("day").asText() + "T00:00:00Z"));
        p.put("repository", F.textNode(fullName(row)));
        p.put("repository_id", row.get("repo_id"));
        p.put("visibility", row.get("repo_visibility"));
        p.put("organization", org == null ? NullNode.instance : F.textNode(org));
        p.put("enterprise", ent == null ? NullNode.instance : F.textNode(ent));
        JsonNode pulls = row.get("pull_requests");
        COUNTERS.forEach(c -> p.put("pr_" + c, pulls.get(c)));
        MEDIANS.forEach(m -> p.put("pr_" + m, pulls.path(m)));
        p.put("pr_copilot_suggestions_by_comment_type", pulls.get("copilot_suggestions_by_comment_type"));
        JsonNode human = NullNode.instance;
        for (JsonNode entry : row.path("pull_request_review_times")) {
            if (entry.path("authored_by").asText().equals("human") && entry.path("reviewed_by").asText().equals("human")) {
                human = entry;
            }
        }
        p.put("review_total_merged", human.path("total_merged"));
        for (String stage : REVIEW_STAGES) {
            p.put("review_" + stage, human.path(stage));
        }
        p.put("pull_request_review_times", row.path("pull_request_review_times"));
        p.replaceAll((name, value) -> canonical(value));
        return p;
    }

    /** The held entities that pass the filter, with the properties the expectation names, in canonical form. */
    private Map<String, Map<String, JsonNode>> actual(Predicate<ObjectNode> which, Map<String, Map<String, JsonNode>> expected) {
        Map<String, Map<String, JsonNode>> actual = new TreeMap<>();
        Set<String> names = expected.isEmpty() ? Set.of() : expected.values().iterator().next().keySet();
        standIns.port.holdings().get(BLUEPRINT).forEach((id, e) -> {
            if (which.test(e)) {
                Map<String, JsonNode> p = new TreeMap<>();
                names.forEach(n -> p.put(n, canonical(e.get("properties").get(n))));
                actual.put(id, p);
            }
        });
        return actual;
    }

    /** Missing is null and every number a double: 2 and 2.0 are the same figure, whichever way JSON wrote it. */
    private static JsonNode canonical(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return NullNode.instance;
        }
        if (v.isNumber()) {
            return F.numberNode(v.asDouble());
        }
        if (v.isArray()) {
            ArrayNode a = F.arrayNode();
            v.forEach(x -> a.add(canonical(x)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = F.objectNode();
            v.fields().forEachRemaining(f -> o.set(f.getKey(), canonical(f.getValue())));
            return o;
        }
        return v;
    }
}
