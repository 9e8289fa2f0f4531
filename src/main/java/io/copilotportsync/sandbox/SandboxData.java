package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generated Copilot usage in GitHub's report shapes (see shared/reference/github): organizations with members, and per
 * organization and day one users-report row per active member and the day's totals (the organization-1-day file's
 * one object), the sums of those users. Seeded, so a test can compute the expected Port entities from the same data.
 */
public final class SandboxData {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String[] IDES = {"vscode", "jetbrains", "neovim", "visualstudio"};
    /** People who belong to several organizations, as real ones do: their login repeats across scopes. */
    private static final String[] SHARED = {"octocat", "hubot", "monalisa"};
    static final String[] SUM_FIELDS = {"user_initiated_interaction_count", "code_generation_activity_count",
            "code_acceptance_activity_count", "loc_suggested_to_add_sum", "loc_suggested_to_delete_sum", "loc_added_sum",
            "loc_deleted_sum"};

    public record Member(long id, String login) {
    }

    /** A team and its members; GitHub leaves teams of fewer than 5 seated users out of the user-teams report. */
    public record Team(long id, String slug, String name, List<Member> members) {
        public boolean inUserTeamsReport() {
            return members.size() >= 5;
        }
    }

    public record Organization(long id, String login, List<Member> members, List<Team> teams) {
    }

    public static final long ENTERPRISE_ID = 42;

    private final List<Organization> organizations;
    private final List<LocalDate> days;
    private final String enterprise;
    private final Map<String, List<ObjectNode>> userRows = new LinkedHashMap<>();
    private final Map<String, ObjectNode> organizationRows = new LinkedHashMap<>();
    private final Map<LocalDate, List<ObjectNode>> enterpriseUserRows = new LinkedHashMap<>();
    private final Map<LocalDate, ObjectNode> enterpriseRows = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> seats = new LinkedHashMap<>();
    private final Map<String, ObjectNode> billing = new LinkedHashMap<>();
    private RepositoryReportData repositories;

    private SandboxData(List<Organization> organizations, List<LocalDate> days, String enterprise) {
        this.organizations = organizations;
        this.days = days;
        this.enterprise = enterprise;
    }

    public static SandboxData generate(long seed, List<String> orgLogins, int membersPerOrg, LocalDate lastDay, int dayCount,
                                       Set<String> withoutData) {
        return generate(seed, orgLogins, membersPerOrg, lastDay, dayCount, withoutData, null);
    }

    /**
     * @param withoutData organization/day pairs ("org@day") for which GitHub has no report (204)
     */
    public static SandboxData generate(long seed, List<String> orgLogins, int membersPerOrg, LocalDate lastDay, int dayCount,
                                       Set<String> withoutData, String enterprise) {
        return generate(seed, orgLogins, membersPerOrg, lastDay, dayCount, withoutData, enterprise, 0.75);
    }

    /** @param activeShare the share of members active on a day (the benchmark makes every member active) */
    public static SandboxData generate(long seed, List<String> orgLogins, int membersPerOrg, LocalDate lastDay, int dayCount,
                                       Set<String> withoutData, String enterprise, double activeShare) {
        Random random = new Random(seed);
        List<Organization> orgs = new ArrayList<>();
        for (int o = 0; o < orgLogins.size(); o++) {
            List<Member> members = new ArrayList<>();
            for (int m = 0; m < membersPerOrg; m++) {
                members.add(m < SHARED.length
                        ? new Member(100 + m, SHARED[m])
                        : new Member(10_000L * (o + 1) + m, orgLogins.get(o) + "-dev-" + m));
            }
            orgs.add(new Organization(1000 + o, orgLogins.get(o), List.copyOf(members), SandboxTeams.of(o, members)));
        }
        List<LocalDate> days = new ArrayList<>();
        for (int d = dayCount - 1; d >= 0; d--) {
            days.add(lastDay.minusDays(d));
        }
        SandboxData data = new SandboxData(List.copyOf(orgs), List.copyOf(days), enterprise);
        for (Organization org : orgs) {
            Map<Long, List<LocalDate>> activeDays = new LinkedHashMap<>();
            for (LocalDate day : days) {
                if (withoutData.contains(org.login() + "@" + day)) {
                    continue;
                }
                List<ObjectNode> rows = new ArrayList<>();
                for (Member member : org.members()) {
                    if (random.nextDouble() < activeShare) {
                        rows.add(UsageRows.userRow(random, org, member, day));
                        activeDays.computeIfAbsent(member.id(), k -> new ArrayList<>()).add(day);
                    }
                }
                data.userRows.put(key(org.login(), day), rows);
                data.organizationRows.put(key(org.login(), day), UsageRows.organizationRow(random, org.id(), "organization_id", day, rows, activeDays));
            }
        }
        for (int o = 0; o < orgs.size(); o++) {
            data.seats.put(orgs.get(o).login(), SeatData.seats(random, o, orgs.get(o), lastDay));
            data.billing.put(orgs.get(o).login(), SeatData.billing(random, o, orgs.get(o), data.userRows(orgs.get(o).login(), lastDay)));
        }
        if (enterprise != null) {
            data.mergeEnterprise(random);
        }
        data.repositories = new RepositoryReportData(seed, data);
        return data;
    }

    /** The enterprise view: one users row per person a day (activity summed over organizations), and the day's totals. */
    private void mergeEnterprise(Random random) {
        Map<Long, List<LocalDate>> activeDays = new LinkedHashMap<>();
        for (LocalDate day : days) {
            Map<Long, ObjectNode> merged = new LinkedHashMap<>();
            for (Organization org : organizations) {
                for (ObjectNode row : userRows.getOrDefault(key(org.login(), day), List.of())) {
                    ObjectNode into = merged.get(row.get("user_id").asLong());
                    if (into == null) {
                        into = row.deepCopy();
                        into.remove("organization_id");
                        into.put("enterprise_id", Long.toString(ENTERPRISE_ID));
                        merged.put(row.get("user_id").asLong(), into);
                        activeDays.computeIfAbsent(row.get("user_id").asLong(), k -> new ArrayList<>()).add(day);
                        continue;
                    }
                    for (String field : SUM_FIELDS) {
                        into.put(field, into.get(field).asLong() + row.get(field).asLong());
                    }
                    for (String flag : new String[] {"used_agent", "used_chat", "used_cli"}) {
                        into.put(flag, into.get(flag).asBoolean() || row.get(flag).asBoolean());
                    }
                    UsageFields2026.mergeInto(into, row);
                }
            }
            if (merged.isEmpty()) {
                continue;
            }
            List<ObjectNode> rows = new ArrayList<>(merged.values());
            enterpriseUserRows.put(day, rows);
            enterpriseRows.put(day, UsageRows.organizationRow(random, ENTERPRISE_ID, "enterprise_id", day, rows, activeDays));
        }
    }

    public List<Organization> organizations() {
        return organizations;
    }

    public List<LocalDate> days() {
        return days;
    }

    /** The users-1-day rows of an organization's day; null when GitHub has no report for it. */
    public List<ObjectNode> userRows(String org, LocalDate day) {
        return userRows.get(key(org, day));
    }

    /** The enterprise slug, or null when the data has no enterprise. */
    public String enterprise() {
        return enterprise;
    }

    public Organization organization(String login) {
        return organizations.stream().filter(o -> o.login().equals(login)).findFirst().orElse(null);
    }

    /** The object /user/orgs lists for an organization (description null for the second one). */
    public ObjectNode organizationObject(Organization org) {
        ObjectNode o = F.objectNode();
        String api = "https://api.github.com/orgs/" + org.login();
        o.put("login", org.login()).put("id", org.id()).put("node_id", "MDEyOk9yZ2FuaXphdGlvbj" + org.id())
                .put("url", api).put("repos_url", api + "/repos").put("events_url", api + "/events")
                .put("hooks_url", api + "/hooks").put("issues_url", api + "/issues").put("members_url", api + "/members{/member}")
                .put("public_members_url", api + "/public_members{/member}")
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + org.id());
        if (organizations.indexOf(org) == 1) {
            o.putNull("description");
        } else {
            o.put("description", "The " + org.login() + " organization");
        }
        return o;
    }

    /** The user-teams-1-day rows of an organization's day (teams under 5 members left out); null when no report. */
    public List<ObjectNode> userTeamRows(String org, LocalDate day) {
        if (userRows(org, day) == null) {
            return null;
        }
        return teamRows(organization(org), day, "organization_id", Long.toString(organization(org).id()));
    }

    private List<ObjectNode> teamRows(Organization org, LocalDate day, String idField, String id) {
        List<ObjectNode> rows = new ArrayList<>();
        for (Team team : org.teams()) {
            if (!team.inUserTeamsReport()) {
                continue;
            }
            for (Member m : team.members()) {
                rows.add(F.objectNode().put("user_id", m.id()).put("user_login", m.login()).put("day", day.toString())
                        .put(idField, id).put("team_id", team.id()).put("slug", team.slug()));
            }
        }
        return rows;
    }

    /** The enterprise's users-1-day rows of a day (one per person); null when no report. */
    public List<ObjectNode> enterpriseUserRows(LocalDate day) {
        return enterpriseUserRows.get(day);
    }

    public ObjectNode enterpriseRow(LocalDate day) {
        return enterpriseRows.get(day);
    }

    /** The day's totals of a scope ("orgs" and a login, or "enterprises" and the slug); null when no report. */
    public ObjectNode totals(String scopeType, String scope, LocalDate day) {
        return scopeType.equals("orgs") ? organizationRow(scope, day) : scope.equals(enterprise) ? enterpriseRow(day) : null;
    }

    /** The enterprise's user-teams-1-day rows: the teams of every organization; null when no report. */
    public List<ObjectNode> enterpriseUserTeamRows(LocalDate day) {
        if (enterpriseUserRows(day) == null) {
            return null;
        }
        List<ObjectNode> rows = new ArrayList<>();
        organizations.forEach(o -> rows.addAll(teamRows(o, day, "enterprise_id", Long.toString(ENTERPRISE_ID))));
        return rows;
    }

    /** An organization's seat list, one seat per member. */
    public List<ObjectNode> seats(String org) {
        return seats.get(org);
    }

    /** Takes a member's seat away, as an organization owner does; the next sync no longer lists it. */
    public void removeSeat(String org, String login) {
        seats.put(org, seats.get(org).stream().filter(s -> !s.path("assignee").path("login").asText().equals(login)).toList());
    }

    /** The enterprise's seat list: every organization's grants, so people in several organizations appear several times. */
    public List<ObjectNode> enterpriseSeats() {
        List<ObjectNode> all = new ArrayList<>();
        for (Organization org : organizations) {
            for (ObjectNode seat : seats.get(org.login())) {
                ObjectNode copy = seat.deepCopy();
                copy.putObject("organization").put("login", org.login()).put("id", org.id());
                all.add(copy);
            }
        }
        return all;
    }

    public ObjectNode billing(String org) {
        return billing.get(org);
    }

    /** The repos-1-day rows of every organization and day, and of the enterprise. */
    public RepositoryReportData repositories() {
        return repositories;
    }

    /** Every users-report row of every organization and day. */
    public java.util.stream.Stream<ObjectNode> allUserRows() {
        return userRows.values().stream().flatMap(List::stream);
    }

    /**
     * The day's totals of an organization, as GitHub's organization-1-day file holds them (one flat object: day,
     * organization_id, counters, breakdowns); null when there is no report. The stand-in wraps them in day_totals
     * where a test asks for the docs' shape, and always for the 28-day report.
     */
    public ObjectNode organizationRow(String org, LocalDate day) {
        return organizationRows.get(key(org, day));
    }

    private static String key(String org, LocalDate day) {
        return org + "@" + day;
    }
}
