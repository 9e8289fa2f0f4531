package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
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
    private static final String[] IDES = {"vscode", "jetbrains", "neovim", "visualstudio"};
    /** People who belong to several organizations, as real ones do: their login repeats across scopes. */
    private static final String[] SHARED = {"octocat", "hubot", "monalisa"};
    private static final String[] SUM_FIELDS = {"user_initiated_interaction_count", "code_generation_activity_count",
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

    /** Team slugs; every organization has them all (slugs repeat across organizations, as in real enterprises). */
    private static final String[] TEAMS = {"platform", "frontend", "backend", "data", "design"};

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
            orgs.add(new Organization(1000 + o, orgLogins.get(o), List.copyOf(members), teams(o, members)));
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
                        rows.add(userRow(random, org, member, day));
                        activeDays.computeIfAbsent(member.id(), k -> new ArrayList<>()).add(day);
                    }
                }
                data.userRows.put(key(org.login(), day), rows);
                data.organizationRows.put(key(org.login(), day), organizationRow(random, org.id(), "organization_id", day, rows, activeDays));
            }
        }
        for (int o = 0; o < orgs.size(); o++) {
            data.seats.put(orgs.get(o).login(), seats(random, o, orgs.get(o), lastDay));
            data.billing.put(orgs.get(o).login(), billing(random, o, orgs.get(o), data.userRows(orgs.get(o).login(), lastDay)));
        }
        if (enterprise != null) {
            data.mergeEnterprise(random);
        }
        data.repositories = new RepositoryReportData(seed, data);
        return data;
    }

    private static List<Team> teams(int orgIndex, List<Member> members) {
        List<Team> teams = new ArrayList<>();
        int[] every = {2, 2, 3, 5, 0};
        for (int t = 0; t < TEAMS.length; t++) {
            List<Member> in = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                boolean member = t == 4 ? m >= 1 && m <= 3 : t == 1 ? m % 2 == 1 : m % every[t] == 0;
                if (member) {
                    in.add(members.get(m));
                }
            }
            String slug = TEAMS[t];
            teams.add(new Team(1000L * (orgIndex + 1) + t, slug, Character.toUpperCase(slug.charAt(0)) + slug.substring(1), List.copyOf(in)));
        }
        return List.copyOf(teams);
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
            enterpriseRows.put(day, organizationRow(random, ENTERPRISE_ID, "enterprise_id", day, rows, activeDays));
        }
    }

    private static List<ObjectNode> seats(Random r, int orgIndex, Organization org, LocalDate lastDay) {
        List<ObjectNode> list = new ArrayList<>();
        for (int m = 0; m < org.members().size(); m++) {
            Member member = org.members().get(m);
            ObjectNode seat = F.objectNode();
            seat.put("created_at", lastDay.minusDays(300 - orgIndex * 10L - m) + "T09:00:00Z");
            seat.put("updated_at", lastDay.minusDays(30) + "T09:00:00Z");
            if (m % 7 == 5) {
                seat.put("pending_cancellation_date", lastDay.plusDays(11 + orgIndex).toString());
            } else {
                seat.putNull("pending_cancellation_date");
            }
            String activity;
            if (m == 0) {
                activity = lastDay + "T12:00:00Z";                               // octocat: the same everywhere, a tie
            } else if (m == 1) {
                activity = orgIndex == 0 ? null : lastDay.minusDays(orgIndex) + "T10:00:00Z"; // hubot: never in the first org
            } else if (m == 2) {
                activity = lastDay + "T0" + orgIndex + ":30:00-06:00";           // monalisa: later in each next org
            } else {
                activity = r.nextDouble() < 0.15 ? null : lastDay.minusDays(r.nextInt(40)) + "T" + (10 + r.nextInt(10)) + ":00:00Z";
            }
            if (activity == null) {
                seat.putNull("last_activity_at");
                seat.putNull("last_activity_editor");
            } else {
                seat.put("last_activity_at", activity);
                seat.put("last_activity_editor", IDES[(m + orgIndex) % IDES.length] + "/1.9" + (m % 10) + ".0/copilot/1.2" + m + ".0");
            }
            if (m % 5 != 4) {                                                   // GitHub leaves it out for some seats
                seat.put("last_authenticated_at", activity == null ? lastDay.minusDays(90) + "T08:00:00Z" : activity);
            }
            seat.put("plan_type", "business");
            ObjectNode assignee = seat.putObject("assignee");
            assignee.put("login", member.login()).put("id", member.id()).put("node_id", "MDQ6VXNlcj" + member.id())
                    .put("avatar_url", "https://avatars.githubusercontent.com/u/" + member.id()).put("gravatar_id", "")
                    .put("url", "https://api.github.com/users/" + member.login()).put("html_url", "https://github.com/" + member.login())
                    .put("type", "User").put("site_admin", false);
            Team grant = org.teams().stream().filter(t -> t.members().contains(member)).findFirst().orElse(null);
            if (grant == null || m % 4 == 3) {
                seat.putNull("assigning_team");
            } else {
                seat.putObject("assigning_team").put("id", grant.id()).put("node_id", "MDQ6VGVhbT" + grant.id())
                        .put("name", grant.name()).put("slug", grant.slug()).put("description", (String) null)
                        .put("privacy", "closed").put("notification_setting", "notifications_enabled")
                        .put("permission", "pull").putNull("parent");
            }
            list.add(seat);
        }
        return List.copyOf(list);
    }

    private static ObjectNode billing(Random r, int orgIndex, Organization org, List<ObjectNode> lastDayRows) {
        int total = org.members().size();
        int active = lastDayRows == null ? 0 : lastDayRows.size();
        ObjectNode b = F.objectNode();
        b.putObject("seat_breakdown").put("total", total).put("added_this_cycle", r.nextInt(total + 1))
                .put("pending_invitation", 0).put("pending_cancellation", orgIndex == 1 ? 1 : 0)
                .put("active_this_cycle", active).put("inactive_this_cycle", total - active);
        b.put("seat_management_setting", "assign_selected");
        b.put("ide_chat", "enabled");
        b.put("platform_chat", orgIndex == 1 ? "disabled" : "enabled");
        if (orgIndex != 1) {
            b.put("cli", "enabled");                                              // missing in one organization
        }
        b.put("public_code_suggestions", "block");
        b.put("plan_type", "business");
        return b;
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

    /**
     * The legacy /copilot/metrics day record (org-metrics.json shape) over some users' rows of one day: code
     * completions per IDE and language, chat per IDE.
     */
    public static ObjectNode legacyDay(LocalDate day, List<ObjectNode> rows) {
        ObjectNode record = F.objectNode();
        record.put("date", day.toString());
        record.put("total_active_users", rows.size());
        record.put("total_engaged_users", rows.stream().filter(u -> u.get("code_generation_activity_count").asLong() > 0).count());
        ObjectNode completions = record.putObject("copilot_ide_code_completions");
        completions.put("total_engaged_users", rows.size());
        ObjectNode chat = record.putObject("copilot_ide_chat");
        List<ObjectNode> chatters = rows.stream().filter(u -> u.get("used_chat").asBoolean()).toList();
        chat.put("total_engaged_users", chatters.size());
        for (String ide : IDES) {
            List<ObjectNode> users = rows.stream().filter(u -> u.path("totals_by_ide").path(0).path("ide").asText().equals(ide)).toList();
            if (users.isEmpty()) {
                continue;
            }
            ObjectNode model = completions.withArray("editors").addObject().put("name", ide).put("total_engaged_users", users.size())
                    .withArray("models").addObject().put("name", "default").put("is_custom_model", false)
                    .putNull("custom_model_training_date").put("total_engaged_users", users.size());
            for (String language : new String[] {"java", "typescript"}) {
                List<ObjectNode> by = users.stream().filter(u -> u.path("totals_by_language_feature").path(0).path("language")
                        .asText().equals(language)).toList();
                if (!by.isEmpty()) {
                    model.withArray("languages").addObject().put("name", language).put("total_engaged_users", by.size())
                            .put("total_code_suggestions", sum(by, "code_generation_activity_count"))
                            .put("total_code_acceptances", sum(by, "code_acceptance_activity_count"))
                            .put("total_code_lines_suggested", sum(by, "loc_suggested_to_add_sum"))
                            .put("total_code_lines_accepted", sum(by, "loc_added_sum"));
                }
            }
            List<ObjectNode> ideChatters = users.stream().filter(u -> u.get("used_chat").asBoolean()).toList();
            if (!ideChatters.isEmpty()) {
                long chats = sum(ideChatters, "user_initiated_interaction_count");
                chat.withArray("editors").addObject().put("name", ide).put("total_engaged_users", ideChatters.size())
                        .withArray("models").addObject().put("name", "default").put("is_custom_model", false)
                        .putNull("custom_model_training_date").put("total_engaged_users", ideChatters.size())
                        .put("total_chats", chats).put("total_chat_insertion_events", chats / 2).put("total_chat_copy_events", chats / 3);
            }
        }
        record.putObject("copilot_dotcom_chat").put("total_engaged_users", 0).putArray("models");
        record.putObject("copilot_dotcom_pull_requests").put("total_engaged_users", 0).putArray("repositories");
        return record;
    }

    private static long sum(List<ObjectNode> rows, String field) {
        return rows.stream().mapToLong(u -> u.path(field).asLong()).sum();
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

    private static ObjectNode userRow(Random r, Organization org, Member member, LocalDate day) {
        int generated = 1 + r.nextInt(60);
        int accepted = r.nextInt(generated + 1);
        int suggestedAdd = generated * (3 + r.nextInt(8));
        int added = accepted * (2 + r.nextInt(6));
        boolean chat = r.nextBoolean();
        boolean agent = r.nextDouble() < 0.3;
        boolean cli = r.nextDouble() < 0.2;
        String ide = IDES[r.nextInt(IDES.length)];
        ObjectNode row = F.objectNode();
        row.put("user_id", member.id());
        row.put("user_login", member.login());
        row.put("day", day.toString());
        row.put("organization_id", Long.toString(org.id()));
        row.put("user_initiated_interaction_count", chat || agent ? r.nextInt(40) : 0);
        row.put("code_generation_activity_count", generated);
        row.put("code_acceptance_activity_count", accepted);
        row.put("loc_suggested_to_add_sum", suggestedAdd);
        row.put("loc_suggested_to_delete_sum", r.nextInt(20));
        row.put("loc_added_sum", added);
        row.put("loc_deleted_sum", r.nextInt(15));
        row.put("used_agent", agent);
        row.put("used_chat", chat);
        row.put("used_cli", cli);
        ObjectNode byIde = counters(row).put("ide", ide);
        if (r.nextDouble() < 0.8) {
            byIde.set("last_known_ide_version", F.objectNode().put("ide_version", "1." + (80 + r.nextInt(20)) + ".0")
                    .put("sampled_at", day + "T08:00:00.000Z"));
        } else {
            byIde.putNull("last_known_ide_version");
        }
        row.set("totals_by_ide", F.arrayNode().add(byIde));
        row.set("totals_by_feature", F.arrayNode().add(counters(row).put("feature", "code_completion")));
        row.set("totals_by_language_feature", F.arrayNode().add(counters(row).put("feature", "code_completion")
                .put("language", r.nextBoolean() ? "java" : "typescript")));
        row.set("totals_by_language_model", F.arrayNode());
        row.set("totals_by_model_feature", F.arrayNode());
        if (cli) {
            int requests = 1 + r.nextInt(9);
            row.set("totals_by_cli", F.objectNode().put("prompt_count", requests).put("request_count", requests)
                    .put("session_count", 1 + r.nextInt(3))
                    .<ObjectNode>set("token_usage", F.objectNode().put("avg_tokens_per_request", 4000.0)
                            .put("output_tokens_sum", requests * 1500).put("prompt_tokens_sum", requests * 2500)));
        }
        UsageFields2026.addToUserRow(row, org.id(), day);
        row.put("etl_id", "sandbox");
        row.put("day_partition", day.toString());
        return row;
    }

    private static ObjectNode counters(ObjectNode row) {
        ObjectNode c = F.objectNode();
        for (String field : SUM_FIELDS) {
            if (!field.equals("user_initiated_interaction_count") || row.has(field)) {
                c.put(field, row.path(field).asLong());
            }
        }
        return c;
    }

    private static ObjectNode organizationRow(Random r, long scopeId, String idField, LocalDate day, List<ObjectNode> rows,
                                              Map<Long, List<LocalDate>> activeDays) {
        ObjectNode totals = F.objectNode();
        totals.put("day", day.toString());
        totals.put(idField, Long.toString(scopeId));
        totals.put("daily_active_users", rows.size());
        totals.put("weekly_active_users", activeWithin(activeDays, day, 7));
        totals.put("monthly_active_users", activeWithin(activeDays, day, 28));
        totals.put("monthly_active_chat_users", rows.stream().filter(u -> u.path("used_chat").asBoolean()).count());
        totals.put("monthly_active_agent_users", rows.stream().filter(u -> u.path("used_agent").asBoolean()).count());
        totals.put("daily_active_cli_users", rows.stream().filter(u -> u.path("used_cli").asBoolean()).count());
        for (String field : SUM_FIELDS) {
            totals.put(field, rows.stream().mapToLong(u -> u.path(field).asLong()).sum());
        }
        int created = r.nextInt(30);
        int merged = r.nextInt(created + 1);
        ObjectNode pulls = F.objectNode()
                .put("total_created", created).put("total_reviewed", r.nextInt(30)).put("total_merged", merged)
                .put("median_minutes_to_merge", merged == 0 ? 0.0 : 30 + r.nextInt(600) + 0.5)
                .put("total_suggestions", r.nextInt(40)).put("total_applied_suggestions", r.nextInt(20))
                .put("total_created_by_copilot", r.nextInt(created + 1)).put("total_reviewed_by_copilot", r.nextInt(20))
                .put("total_merged_created_by_copilot", r.nextInt(merged + 1))
                .put("total_merged_reviewed_by_copilot", r.nextInt(merged + 1))
                .put("total_copilot_suggestions", r.nextInt(30)).put("total_copilot_applied_suggestions", r.nextInt(15));
        if (merged > 0) {
            pulls.put("median_minutes_to_merge_copilot_authored", 20 + r.nextInt(300) + 0.5);
        } else {
            pulls.putNull("median_minutes_to_merge_copilot_authored");
        }
        totals.set("pull_requests", pulls);
        long cliRequests = rows.stream().mapToLong(u -> u.path("totals_by_cli").path("request_count").asLong()).sum();
        totals.set("totals_by_cli", F.objectNode().put("request_count", cliRequests).put("prompt_count", cliRequests)
                .put("session_count", rows.stream().mapToLong(u -> u.path("totals_by_cli").path("session_count").asLong()).sum()));
        ArrayNode byIde = F.arrayNode();
        for (String ide : IDES) {
            List<ObjectNode> users = rows.stream().filter(u -> u.path("totals_by_ide").path(0).path("ide").asText().equals(ide)).toList();
            if (!users.isEmpty()) {
                ObjectNode sums = F.objectNode().put("ide", ide);
                for (String field : SUM_FIELDS) {
                    sums.put(field, users.stream().mapToLong(u -> u.path(field).asLong()).sum());
                }
                byIde.add(sums);
            }
        }
        totals.set("totals_by_ide", byIde);
        totals.set("totals_by_feature", F.arrayNode());
        totals.set("totals_by_language_feature", F.arrayNode());
        totals.set("totals_by_language_model", F.arrayNode());
        totals.set("totals_by_model_feature", F.arrayNode());
        UsageFields2026.addToTotals(totals, scopeId, day, rows);
        return totals;
    }

    private static long activeWithin(Map<Long, List<LocalDate>> activeDays, LocalDate day, int window) {
        LocalDate from = day.minusDays(window - 1L);
        Set<Long> users = new HashSet<>();
        activeDays.forEach((user, list) -> {
            if (list.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(day))) {
                users.add(user);
            }
        });
        return users.size();
    }
}
