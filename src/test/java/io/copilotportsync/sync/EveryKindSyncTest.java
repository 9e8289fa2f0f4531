package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One --once run of every kind of the shipped mapping, for two organizations and the enterprise, with GitHub's page
 * size cut to 4 so that every list spans pages. Each kind's Port holdings are compared with values computed here
 * from the generated data: enterprise sums over people, team joins, seat choices, legacy day records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryKindSyncTest {
    private static final String ENT = Sandbox.ENTERPRISE;
    private StandIns standIns;
    private StandIns.Run run;
    private SandboxData data;

    @BeforeAll
    void syncEverything(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir);
        data = standIns.data;
        GitHubFaults.of(standIns.github).maxPageSize(4);
        standIns.github.legacyAnswers("octo-org", 200);
        standIns.github.legacyAnswers("acme-eng", 422);
        run = standIns.run("--once");
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    private Map<String, ObjectNode> held(String blueprint) {
        return standIns.port.holdings().getOrDefault(blueprint, Map.of());
    }

    private Map<String, ObjectNode> heldOf(String blueprint, String property, String value) {
        Map<String, ObjectNode> out = new TreeMap<>(held(blueprint));
        out.values().removeIf(e -> !value.equals(e.get("properties").path(property).asText(null)));
        return out;
    }

    private static long sum(List<ObjectNode> rows, String field) {
        return rows.stream().mapToLong(r -> r.get(field).asLong()).sum();
    }

    private Map<Long, List<ObjectNode>> rowsByPerson(LocalDate day) {
        return StandIns.rowsByPerson(data, day);
    }

    @Test
    void every_kind_succeeds_and_the_closed_legacy_endpoints_only_warn() {
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("warning (copilot-enterprise-metrics, enterprise:acme-corp): GitHub closed the legacy "
                + "Copilot metrics API on 2026-04-02 (404); use kind 'enterprise-usage-metrics' instead"), run.out());
        assertTrue(run.out().contains("warning (copilot-organization-metrics, acme-eng): the Copilot Metrics API access policy "
                + "is disabled (422)"), run.out());
        assertEquals(1, run.out().lines().filter(l -> l.contains("warning (copilot-team-metrics, acme-eng)")).count(), run.out());
    }

    @Test
    void enterprise_days_are_the_sums_over_people_of_every_organization() {
        Map<String, ObjectNode> held = heldOf("githubCopilotOrganizationUsage", "enterprise", ENT);
        Map<String, List<Long>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            Map<Long, List<ObjectNode>> people = rowsByPerson(day);
            List<ObjectNode> all = people.values().stream().flatMap(List::stream).toList();
            expected.put(ENT + "@" + day, List.of((long) people.size(), sum(all, "code_generation_activity_count"), sum(all, "loc_added_sum")));
        }
        Map<String, List<Long>> actual = new TreeMap<>();
        held.forEach((id, e) -> actual.put(id, List.of(e.get("properties").get("daily_active_users").asLong(),
                e.get("properties").get("code_generation_activity_count").asLong(), e.get("properties").get("loc_added_sum").asLong())));
        assertEquals(expected, actual);
        held.values().forEach(e -> assertTrue(e.get("properties").get("organization").isNull()));
    }

    @Test
    void enterprise_users_are_one_entity_per_person_and_day_with_activity_summed_over_organizations() {
        Map<String, List<Object>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            rowsByPerson(day).forEach((id, rows) -> expected.put(rows.get(0).get("user_login").asText() + "@" + ENT + "@" + day,
                    List.of(sum(rows, "code_generation_activity_count"), rows.stream().anyMatch(r -> r.get("used_chat").asBoolean()))));
        }
        Map<String, List<Object>> actual = new TreeMap<>();
        heldOf("githubCopilotUserUsage", "enterprise", ENT).forEach((id, e) -> actual.put(id, List.of(
                e.get("properties").get("code_generation_activity_count").asLong(), e.get("properties").get("used_chat").asBoolean())));
        assertEquals(expected, actual);
    }

    /** The team aggregates of one scope and day, computed from membership and the given rows by user id. */
    private static Map<Long, List<Long>> teamSums(List<SandboxData.Team> teams, Map<Long, ObjectNode> rowOfUser) {
        Map<Long, List<Long>> sums = new TreeMap<>();
        for (SandboxData.Team team : teams) {
            if (!team.inUserTeamsReport()) {
                continue;
            }
            List<ObjectNode> rows = team.members().stream().map(m -> rowOfUser.get(m.id())).filter(Objects::nonNull).toList();
            sums.put(team.id(), List.of((long) rows.size(), sum(rows, "code_generation_activity_count"), sum(rows, "loc_deleted_sum"),
                    rows.stream().filter(r -> r.get("used_chat").asBoolean()).count()));
        }
        return sums;
    }

    private static List<Long> teamFigures(ObjectNode e) {
        JsonNode p = e.get("properties");
        return List.of(p.get("user_count").asLong(), p.get("code_generation_activity_count").asLong(), p.get("loc_deleted_sum").asLong(),
                p.get("used_chat_users").asLong());
    }

    @Test
    void organization_teams_are_the_users_report_joined_with_team_membership() {
        for (SandboxData.Organization org : data.organizations()) {
            Map<String, List<Long>> expected = new TreeMap<>();
            for (LocalDate day : data.days()) {
                List<ObjectNode> rows = data.userRows(org.login(), day);
                if (rows == null) {
                    continue;
                }
                Map<Long, ObjectNode> byUser = rows.stream().collect(Collectors.toMap(r -> r.get("user_id").asLong(), r -> r));
                teamSums(org.teams(), byUser).forEach((teamId, sums) -> expected.put(
                        org.teams().stream().filter(t -> t.id() == teamId).findFirst().orElseThrow().slug() + "@" + org.login() + "@" + day, sums));
            }
            Map<String, List<Long>> actual = new TreeMap<>();
            heldOf("githubCopilotTeamUsage", "organization", org.login()).forEach((id, e) -> actual.put(id, teamFigures(e)));
            assertEquals(expected, actual, org.login());
        }
    }

    @Test
    void teams_under_five_members_are_absent_because_github_leaves_them_out() {
        SandboxData.Organization org = data.organization("octo-org");
        List<String> small = org.teams().stream().filter(t -> !t.inUserTeamsReport()).map(SandboxData.Team::slug).toList();
        assertFalse(small.isEmpty(), "the generated data has small teams");
        for (String slug : small) {
            assertTrue(held("githubCopilotTeamUsage").keySet().stream().noneMatch(id -> id.startsWith(slug + "@")), slug);
            assertTrue(data.userTeamRows("octo-org", StandIns.LAST_DAY).stream().noneMatch(r -> r.get("slug").asText().equals(slug)));
        }
    }

    @Test
    void enterprise_teams_are_identified_by_team_id_and_joined_with_each_persons_enterprise_row() {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            List<ObjectNode> rows = data.enterpriseUserRows(day);
            if (rows == null) {
                continue;
            }
            Map<Long, ObjectNode> byUser = rows.stream().collect(Collectors.toMap(r -> r.get("user_id").asLong(), r -> r));
            for (SandboxData.Organization org : data.organizations()) {
                teamSums(org.teams(), byUser).forEach((teamId, sums) -> expected.put(teamId + "@" + ENT + "@" + day, sums));
            }
        }
        Map<String, List<Long>> actual = new TreeMap<>();
        heldOf("githubCopilotTeamUsage", "enterprise", ENT).forEach((id, e) -> actual.put(id, teamFigures(e)));
        assertEquals(expected, actual);
    }

    @Test
    void organization_seats_are_one_per_member_read_over_several_pages() {
        for (SandboxData.Organization org : data.organizations()) {
            Map<String, String> expected = new TreeMap<>();
            data.seats(org.login()).forEach(s -> expected.put(s.get("assignee").get("login").asText() + "@" + org.login(),
                    s.get("last_activity_at").asText(null)));
            Map<String, String> actual = new TreeMap<>();
            heldOf("githubCopilotSeat", "organization", org.login()).forEach((id, e) ->
                    actual.put(id, e.get("properties").get("last_activity_at").asText(null)));
            assertEquals(expected, actual, org.login());
        }
        List<StandInServer.Request> pages = standIns.github.requests().stream()
                .filter(r -> r.path().equals("/orgs/octo-org/copilot/billing/seats")).toList();
        assertEquals(3, pages.size(), "10 seats at 4 a page");
        assertEquals("per_page=100", pages.get(0).query());
        assertEquals(List.of("per_page=100&page=2", "per_page=100&page=3"), pages.subList(1, 3).stream().map(StandInServer.Request::query).toList());
    }

    @Test
    void enterprise_seats_are_one_per_person_the_most_recently_used_grant_winning() {
        Map<String, List<ObjectNode>> grants = new HashMap<>();
        data.enterpriseSeats().forEach(s -> grants.computeIfAbsent(s.get("assignee").get("login").asText(), k -> new ArrayList<>()).add(s));
        Map<String, String> expected = new TreeMap<>();
        grants.forEach((login, list) -> {
            ObjectNode best = list.get(0);
            for (ObjectNode s : list) {
                Instant a = instant(s.get("last_activity_at"));
                Instant b = instant(best.get("last_activity_at"));
                boolean later = a != null && (b == null || a.isAfter(b));
                boolean tieEarlier = Objects.equals(a, b) && instant(s.get("created_at")).isBefore(instant(best.get("created_at")));
                if (later || tieEarlier) {
                    best = s;
                }
            }
            expected.put(login + "@" + ENT, best.get("organization").get("login").asText());
        });
        Map<String, String> actual = new TreeMap<>();
        heldOf("githubCopilotSeat", "enterprise", ENT).forEach((id, e) -> actual.put(id, e.get("properties").get("granting_organization").asText()));
        assertEquals(expected, actual);
        // the cases the data was made for: a tie on activity (the earliest grant), and no activity in one organization
        assertEquals("octo-org", actual.get("octocat@" + ENT));
        assertEquals("acme-eng", actual.get("monalisa@" + ENT));
        assertEquals("acme-eng", actual.get("hubot@" + ENT));
    }

    private static Instant instant(JsonNode v) {
        return v == null || v.isNull() ? null : OffsetDateTime.parse(v.asText()).toInstant();
    }

    @Test
    void billing_is_one_entity_per_organization_with_missing_fields_as_null() {
        Map<String, ObjectNode> held = held("githubCopilotBilling");
        assertEquals(Set.of("octo-org", "acme-eng"), held.keySet());
        for (String org : held.keySet()) {
            JsonNode p = held.get(org).get("properties");
            assertEquals(data.billing(org).get("seat_breakdown").get("total").asLong(), p.get("seats_total").asLong());
            assertEquals(data.billing(org).get("seat_breakdown").get("active_this_cycle").asLong(), p.get("seats_active_this_cycle").asLong());
            assertEquals(data.billing(org).path("cli").asText(null), p.get("cli").asText(null), org);
        }
        assertNull(held.get("acme-eng").get("properties").get("cli").textValue(), "the field GitHub left out is null");
    }

    @Test
    void legacy_organization_metrics_are_one_github_copilot_usage_entity_per_day_as_ports_original_mapping_gives() {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (LocalDate day : data.days()) {
            List<ObjectNode> rows = data.userRows("octo-org", day);
            if (rows != null) {
                expected.put("octo-org@" + day, List.of((long) rows.size(), sum(rows, "code_generation_activity_count"),
                        sum(rows, "code_acceptance_activity_count"), sum(rows, "loc_added_sum")));
            }
        }
        Map<String, List<Long>> actual = new TreeMap<>();
        held("github_copilot_usage").forEach((id, e) -> {
            JsonNode p = e.get("properties");
            if (!p.hasNonNull("git_hub_team") && "octo-org".equals(p.path("git_hub_org").asText())) {
                actual.put(id, List.of(p.get("total_active_users").asLong(), p.get("total_suggestions_count").asLong(),
                        p.get("total_acceptances_count").asLong(), p.get("total_lines_accepted").asLong()));
            }
        });
        assertEquals(expected, actual);
    }

    @Test
    void legacy_team_metrics_are_per_team_of_the_paged_team_list_with_the_organization_in_the_identifier() {
        SandboxData.Organization org = data.organization("octo-org");
        Set<String> expected = new java.util.TreeSet<>();
        for (LocalDate day : data.days()) {
            List<ObjectNode> rows = data.userRows("octo-org", day);
            if (rows == null) {
                continue;
            }
            for (SandboxData.Team team : org.teams()) {
                long active = rows.stream().filter(r -> team.members().stream().anyMatch(m -> m.id() == r.get("user_id").asLong())).count();
                if (active >= 5) {
                    expected.add(team.slug() + "@octo-org@" + day);
                }
            }
        }
        Set<String> actual = held("github_copilot_usage").keySet().stream().filter(id -> id.chars().filter(c -> c == '@').count() == 2)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
        assertEquals(2, standIns.github.requests().stream().filter(r -> r.path().equals("/orgs/octo-org/teams")).count(),
                "5 teams at 4 a page");
    }
}
