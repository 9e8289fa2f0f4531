package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.PlainJson;
import io.copilotportsync.support.StandIns;
import io.copilotportsync.support.Usage2026;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's 2026 fields of the usage and team kinds, through one --once run of those kinds: each new property reaches
 * Port with the value computed here from the generated rows (null where a row is older than the field, the coding
 * agent's old name read where the cloud agent's is missing), team sums of AI credits in whole cents. The seats' 2026
 * fields are SeatFieldsTest's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewFieldsSyncTest {
    private static final String ENT = Sandbox.ENTERPRISE;
    private static final List<String> USER_FIELDS = List.of("ai_credits_used", "ai_adoption_phase", "ai_adoption_phase_number",
            "used_copilot_cloud_agent", "used_copilot_code_review_active", "used_copilot_code_review_passive", "used_copilot_app",
            "totals_by_3rd_party_agent");
    /** Aggregate fields Port gets as GitHub sent them (the weekly and monthly windows span days outside the data). */
    private static final List<String> TOTALS_AS_SENT = List.of("weekly_active_copilot_cloud_agent_users",
            "monthly_active_copilot_cloud_agent_users", "weekly_active_copilot_code_review_users", "monthly_active_copilot_code_review_users",
            "weekly_passive_copilot_code_review_users", "monthly_passive_copilot_code_review_users", "totals_by_ai_adoption_phase",
            "totals_by_skill", "totals_by_custom_agent", "totals_by_mcp", "totals_by_slash_cmd", "totals_by_plugin");
    /** The day's own counts, which the test derives from the user rows: Port property, the user-row flag. */
    private static final Map<String, String> TOTALS_COUNTED = Map.of(
            "daily_active_copilot_cloud_agent_users", "cloud agent",
            "daily_active_copilot_code_review_users", "used_copilot_code_review_active",
            "daily_passive_copilot_code_review_users", "used_copilot_code_review_passive",
            "daily_active_copilot_app_users", "used_copilot_app");

    private StandIns standIns;
    private StandIns.Run run;
    private SandboxData data;

    @BeforeAll
    void syncTheTouchedKinds(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir);
        data = standIns.data;
        standIns.env.put("SYNC_KINDS", "organization-usage-metrics,enterprise-usage-metrics,user-usage-metrics,"
                + "enterprise-user-usage-metrics,team-usage-metrics");
        run = standIns.run("--once");
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    private Map<String, ObjectNode> held(String blueprint) {
        return standIns.port.holdings().getOrDefault(blueprint, Map.of());
    }

    private Map<Long, List<ObjectNode>> rowsByPerson(LocalDate day) {
        return StandIns.rowsByPerson(data, day);
    }

    /** The day's totals object of a 1-day aggregate report row: flat, or the one element of day_totals. */
    private static JsonNode totals(ObjectNode reportRow) {
        return reportRow.has("day_totals") ? reportRow.get("day_totals").get(0) : reportRow;
    }

    @Test
    void the_sync_succeeds() {
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void the_generated_data_holds_every_shape_github_has_served() {
        List<ObjectNode> rows = data.allUserRows().toList();
        assertTrue(rows.stream().anyMatch(r -> !r.has("used_copilot_code_review_active")), "rows from before the 2026 fields");
        assertTrue(rows.stream().anyMatch(r -> !r.has("used_copilot_cloud_agent") && r.has("used_copilot_coding_agent")),
                "rows with the coding agent's old name only");
        assertTrue(rows.stream().anyMatch(r -> r.has("used_copilot_cloud_agent") && r.has("used_copilot_coding_agent")), "rows with both names");
        assertTrue(rows.stream().anyMatch(r -> r.path("used_copilot_cloud_agent").isBoolean() && !r.get("used_copilot_cloud_agent").asBoolean()
                && !r.has("used_copilot_coding_agent")), "a false cloud agent without the old name (where `//` would give null)");
        assertTrue(rows.stream().anyMatch(r -> r.path("used_copilot_coding_agent").asBoolean(false) && !r.has("used_copilot_cloud_agent")),
                "a true coding agent under the old name");
        assertTrue(rows.stream().anyMatch(r -> r.has("ai_credits_used") && r.get("ai_credits_used").isNull()), "null credits");
        assertTrue(rows.stream().anyMatch(r -> r.path("ai_credits_used").isNumber()
                && r.get("ai_credits_used").decimalValue().scale() > 0), "decimal credits");
        assertTrue(rows.stream().anyMatch(r -> r.path("totals_by_3rd_party_agent").size() > 0), "3rd party agents");
        List<JsonNode> days = new ArrayList<>();
        for (SandboxData.Organization org : data.organizations()) {
            data.days().stream().map(d -> data.organizationRow(org.login(), d)).filter(Objects::nonNull).forEach(r -> days.add(totals(r)));
        }
        data.days().stream().map(data::enterpriseRow).filter(Objects::nonNull).forEach(r -> days.add(totals(r)));
        assertTrue(days.stream().anyMatch(t -> !t.has("daily_active_copilot_cloud_agent_users")), "a day's totals without the 2026 fields");
        assertTrue(days.stream().anyMatch(t -> t.has("totals_by_skill")), "a day's totals with CLI customizations");
        assertTrue(days.stream().anyMatch(t -> t.has("daily_active_copilot_cloud_agent_users") && !t.has("totals_by_skill")),
                "a day's totals without CLI customizations");
    }

    @Test
    void user_rows_bring_their_2026_fields_with_null_where_the_row_is_older_and_the_coding_agent_fallback() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (LocalDate day : data.days()) {
                for (ObjectNode row : Objects.requireNonNullElse(data.userRows(org.login(), day), List.<ObjectNode>of())) {
                    expected.put(row.get("user_login").asText() + "@" + org.login() + "@" + day, Usage2026.expectedUser(List.of(row)));
                }
            }
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        held("githubCopilotUserUsage").forEach((id, e) -> {
            if (!ENT.equals(e.get("properties").path("enterprise").asText(null))) {
                Map<String, Object> p = PlainJson.properties(e, USER_FIELDS);
                p.put("totals_by_3rd_party_agent", Usage2026.agentsHeld(p.get("totals_by_3rd_party_agent")));
                actual.put(id, p);
            }
        });
        assertEquals(expected, actual);
        assertTrue(actual.values().stream().anyMatch(p -> Boolean.FALSE.equals(p.get("used_copilot_cloud_agent"))));
        assertTrue(actual.values().stream().anyMatch(p -> p.get("used_copilot_cloud_agent") == null));
    }

    @Test
    void enterprise_users_bring_their_credits_summed_and_flags_of_any_organization() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            rowsByPerson(day).forEach((id, rows) -> expected.put(rows.get(0).get("user_login").asText() + "@" + ENT + "@" + day,
                    Usage2026.expectedUser(rows)));
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        held("githubCopilotUserUsage").forEach((id, e) -> {
            if (ENT.equals(e.get("properties").path("enterprise").asText(null))) {
                Map<String, Object> p = PlainJson.properties(e, USER_FIELDS);
                p.put("totals_by_3rd_party_agent", Usage2026.agentsHeld(p.get("totals_by_3rd_party_agent")));
                actual.put(id, p);
            }
        });
        assertEquals(expected, actual);
    }

    private Map<String, Object> expectedTotals(JsonNode sent, List<List<ObjectNode>> people) {
        Map<String, Object> p = new TreeMap<>();
        boolean has2026 = sent.has("daily_active_copilot_cloud_agent_users");
        TOTALS_COUNTED.forEach((property, flag) -> {
            List<Boolean> said = people.stream().map(rows -> {
                List<Boolean> any = rows.stream().map(r -> Usage2026.flag(r, flag)).filter(Objects::nonNull).toList();
                return any.isEmpty() ? null : any.contains(true);
            }).toList();
            boolean anySaid = said.stream().anyMatch(Objects::nonNull);
            p.put(property, has2026 && anySaid ? BigDecimal.valueOf(said.stream().filter(Boolean.TRUE::equals).count()).stripTrailingZeros() : null);
        });
        TOTALS_AS_SENT.forEach(f -> p.put(f, PlainJson.plain(sent.get(f))));
        List<ObjectNode> all = people.stream().flatMap(List::stream).toList();
        p.put("totals_by_3rd_party_agent", has2026 ? Objects.requireNonNullElse(Usage2026.agents(all), List.of()) : null);
        List<BigDecimal> sessions = new ArrayList<>();
        sent.path("totals_by_3rd_party_agent").forEach(a -> sessions.add(a.get("session_count").decimalValue()));
        p.put("third_party_agent_session_count", sessions.isEmpty() ? null : sessions.stream().reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros());
        return p;
    }

    private static final List<String> TOTALS_FIELDS = Stream.of(TOTALS_AS_SENT, List.copyOf(TOTALS_COUNTED.keySet()),
            List.of("totals_by_3rd_party_agent", "third_party_agent_session_count")).flatMap(List::stream).toList();

    private Map<String, Object> heldTotals(ObjectNode e) {
        Map<String, Object> p = PlainJson.properties(e, TOTALS_FIELDS);
        p.put("totals_by_3rd_party_agent", Usage2026.agentsHeld(p.get("totals_by_3rd_party_agent")));
        return p;
    }

    @Test
    void organization_and_enterprise_days_bring_the_2026_totals_counted_from_the_users_rows() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (LocalDate day : data.days()) {
                if (data.organizationRow(org.login(), day) != null) {
                    List<List<ObjectNode>> people = data.userRows(org.login(), day).stream().map(List::of).toList();
                    expected.put(org.login() + "@" + day, expectedTotals(totals(data.organizationRow(org.login(), day)), people));
                }
            }
        }
        for (LocalDate day : data.days()) {
            if (data.enterpriseRow(day) != null) {
                expected.put(ENT + "@" + day, expectedTotals(totals(data.enterpriseRow(day)), new ArrayList<>(rowsByPerson(day).values())));
            }
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        held("githubCopilotOrganizationUsage").forEach((id, e) -> actual.put(id, heldTotals(e)));
        assertEquals(expected, actual);
        assertTrue(actual.values().stream().anyMatch(p -> p.get("daily_active_copilot_cloud_agent_users") == null), "a day without them");
        assertTrue(actual.values().stream().anyMatch(p -> p.get("daily_active_copilot_cloud_agent_users") != null), "a day with them");
    }

    /** Per team of a scope's day: AI credits in cents (missing = 0), members with the cloud agent, with code review requested. */
    private static Map<Long, List<Object>> teamSums(List<SandboxData.Team> teams, Map<Long, List<ObjectNode>> rowsOfUser) {
        Map<Long, List<Object>> sums = new TreeMap<>();
        for (SandboxData.Team team : teams) {
            if (!team.inUserTeamsReport()) {
                continue;
            }
            List<List<ObjectNode>> members = team.members().stream().map(m -> rowsOfUser.get(m.id())).filter(Objects::nonNull).toList();
            long cents = members.stream().flatMap(List::stream).map(Usage2026::cents).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            Function<String, Long> withFlag = f -> members.stream()
                    .filter(rows -> rows.stream().anyMatch(r -> Boolean.TRUE.equals(Usage2026.flag(r, f)))).count();
            sums.put(team.id(), List.of(Usage2026.ofCents(cents), withFlag.apply("cloud agent"), withFlag.apply("used_copilot_code_review_active")));
        }
        return sums;
    }

    private static List<Object> teamHeld(ObjectNode e) {
        JsonNode p = e.get("properties");
        return List.of(p.get("ai_credits_used").decimalValue().stripTrailingZeros(), p.get("used_copilot_cloud_agent_users").asLong(),
                p.get("used_copilot_code_review_active_users").asLong());
    }

    @Test
    void team_days_sum_the_members_ai_credits_and_count_members_with_cloud_agent_and_code_review() {
        Map<String, List<Object>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            for (SandboxData.Organization org : data.organizations()) {
                List<ObjectNode> rows = data.userRows(org.login(), day);
                if (rows == null) {
                    continue;
                }
                Map<Long, List<ObjectNode>> byUser = rows.stream().collect(Collectors.toMap(r -> r.get("user_id").asLong(), List::of));
                teamSums(org.teams(), byUser).forEach((teamId, sums) -> expected.put(org.teams().stream()
                        .filter(t -> t.id() == teamId).findFirst().orElseThrow().slug() + "@" + org.login() + "@" + day, sums));
            }
            Map<Long, List<ObjectNode>> people = rowsByPerson(day);
            if (!people.isEmpty()) {
                for (SandboxData.Organization org : data.organizations()) {
                    teamSums(org.teams(), people).forEach((teamId, sums) -> expected.put(teamId + "@" + ENT + "@" + day, sums));
                }
            }
        }
        Map<String, List<Object>> actual = new TreeMap<>();
        held("githubCopilotTeamUsage").forEach((id, e) -> actual.put(id, teamHeld(e)));
        assertEquals(expected, actual);
        assertTrue(actual.values().stream().anyMatch(s -> ((BigDecimal) s.get(0)).scale() > 0), "a team sum with cents");
        assertTrue(actual.values().stream().anyMatch(s -> (Long) s.get(1) > 0), "a team with cloud agent users");
    }

}
