package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One day's team usage for one scope: the day's team membership (from the user-teams file) is held, then each
 * users-file row is added to the aggregate of every team its user belongs to. The users file itself is never held.
 * Lines are processed on several threads, hence the locking.
 */
public final class TeamDay {
    static final List<String> COUNTERS = List.of("user_initiated_interaction_count", "code_generation_activity_count",
            "code_acceptance_activity_count", "loc_suggested_to_add_sum", "loc_suggested_to_delete_sum", "loc_added_sum",
            "loc_deleted_sum");
    private static final List<String> FLAGS = List.of("used_agent", "used_chat", "used_cli");

    private final String day;
    private final String scopeIdField;
    private final Map<Long, List<Long>> teamsOfUser = new HashMap<>();
    private final Map<Long, Team> teams = new LinkedHashMap<>();

    private static final class Team {
        final long id;
        final String slug;
        String scopeId;
        final Set<Long> users = new HashSet<>();
        final long[] sums = new long[COUNTERS.size()];
        final long[] flagged = new long[FLAGS.size()];
        /** Decimal, so that members' 0.1 and 0.2 credits make 0.3. */
        BigDecimal aiCredits = BigDecimal.ZERO;
        long cloudAgent;
        long codeReviewActive;

        Team(long id, String slug) {
            this.id = id;
            this.slug = slug;
        }
    }

    /**
     * @param scopeIdField {@code organization_id} or {@code enterprise_id}: the field the team rows carry
     */
    public TeamDay(String day, String scopeIdField) {
        this.day = day;
        this.scopeIdField = scopeIdField;
    }

    /** One user-teams row ({@code user_id, team_id, slug, ...}); a row without user or team is not membership. */
    public synchronized boolean addMembership(JsonNode row) {
        if (!row.path("user_id").canConvertToLong() || !row.path("team_id").canConvertToLong()) {
            return false;
        }
        long user = row.get("user_id").asLong();
        long teamId = row.get("team_id").asLong();
        Team team = teams.computeIfAbsent(teamId, id -> new Team(id, row.path("slug").asText(null)));
        if (team.scopeId == null && row.hasNonNull(scopeIdField)) {
            team.scopeId = row.get(scopeIdField).asText();
        }
        List<Long> of = teamsOfUser.computeIfAbsent(user, u -> new ArrayList<>(2));
        if (!of.contains(teamId)) {
            of.add(teamId);
        }
        return true;
    }

    /** One users-file row: counted once in every team of its user; users in no team are not counted. */
    public synchronized void addUsage(JsonNode row) {
        if (!row.path("user_id").canConvertToLong()) {
            return;
        }
        long user = row.get("user_id").asLong();
        for (long teamId : teamsOfUser.getOrDefault(user, List.of())) {
            Team team = teams.get(teamId);
            if (!team.users.add(user)) {
                continue;
            }
            for (int i = 0; i < COUNTERS.size(); i++) {
                team.sums[i] += row.path(COUNTERS.get(i)).asLong(0);
            }
            for (int i = 0; i < FLAGS.size(); i++) {
                if (row.path(FLAGS.get(i)).asBoolean(false)) {
                    team.flagged[i]++;
                }
            }
            if (row.path("ai_credits_used").isNumber()) {                 // a row from before 2026-06-01 counts 0
                team.aiCredits = team.aiCredits.add(row.get("ai_credits_used").decimalValue());
            }
            if (usedCloudAgent(row)) {
                team.cloudAgent++;
            }
            if (row.path("used_copilot_code_review_active").asBoolean(false)) {
                team.codeReviewActive++;
            }
        }
    }

    /** Rows from before GitHub renamed the coding agent to cloud agent (2026-04) carry the old name only. */
    static boolean usedCloudAgent(JsonNode row) {
        JsonNode flag = row.hasNonNull("used_copilot_cloud_agent") ? row.get("used_copilot_cloud_agent") : row.path("used_copilot_coding_agent");
        return flag.asBoolean(false);
    }

    /** One record per team of the day (teams whose members had no activity have user_count 0). */
    public synchronized List<ObjectNode> records() {
        List<ObjectNode> records = new ArrayList<>(teams.size());
        for (Team team : teams.values()) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            r.put("day", day);
            r.put(scopeIdField, team.scopeId);
            r.put("team_id", team.id);
            r.put("team_slug", team.slug);
            r.put("user_count", team.users.size());
            for (int i = 0; i < COUNTERS.size(); i++) {
                r.put(COUNTERS.get(i), team.sums[i]);
            }
            for (int i = 0; i < FLAGS.size(); i++) {
                r.put(FLAGS.get(i) + "_users", team.flagged[i]);
            }
            r.put("ai_credits_used", team.aiCredits.setScale(2, RoundingMode.HALF_UP).doubleValue());
            r.put("used_copilot_cloud_agent_users", team.cloudAgent);
            r.put("used_copilot_code_review_active_users", team.codeReviewActive);
            r.set("__team", JsonNodeFactory.instance.objectNode().put("id", team.id).put("slug", team.slug));
            records.add(r);
        }
        return records;
    }
}
