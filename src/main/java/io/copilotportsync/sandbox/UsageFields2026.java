package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The fields GitHub added to the usage report rows during 2026, generated in each shape GitHub has served: rows
 * without any of them, rows of the coding-agent naming (before the cloud agent rename of 2026-04), and current rows.
 * Names and nesting as GitHub's docs example schema and go-github's CopilotUserDailyMetrics/CopilotDailyMetrics.
 * <p>
 * Each row's shape and values come from a random seeded by the row itself (person, day, scope), not from the
 * generator's shared random, so adding these fields leaves every other generated value as it was. Before the day
 * GitHub bills AI credits (2026-06-01) the shape is drawn at random rather than from the date alone: the test data's
 * days are in March 2026, and a date rule would give them only one shape, where a real sync (a backfill across the
 * changes, re-served days) meets all of them.
 */
final class UsageFields2026 {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Usage-based billing: GitHub reports AI credits per user from this day on; every row after it is current. */
    static final LocalDate AI_CREDITS_FROM = LocalDate.of(2026, 6, 1);
    private static final String[][] AGENTS = {{"2246796", "Claude (Anthropic)"}, {"2248422", "Codex (OpenAI)"}};
    /** Per customization kind: the array, the entry's name field, the names GitHub reports (its own, or other/custom). */
    private static final String[][] CUSTOMIZATIONS = {{"totals_by_skill", "skill", "other", "pdf"},
            {"totals_by_custom_agent", "custom_agent", "other"}, {"totals_by_mcp", "mcp", "github", "other"},
            {"totals_by_slash_cmd", "slash_cmd", "model", "custom"}, {"totals_by_plugin", "plugin", "other"}};
    private static final String[] FLAGS = {"used_copilot_cloud_agent", "used_copilot_coding_agent",
            "used_copilot_code_review_active", "used_copilot_code_review_passive", "used_copilot_app"};

    enum Shape { BEFORE_2026_FIELDS, CODING_AGENT_NAMING, CURRENT }

    private UsageFields2026() {
    }

    /** A person's shape of a day: the same in every organization, as the enterprise row merges them. */
    static Shape shape(long userId, LocalDate day) {
        if (!day.isBefore(AI_CREDITS_FROM)) {
            return Shape.CURRENT;
        }
        return Shape.values()[new Random(seed(userId, day.toEpochDay(), 1)).nextInt(Shape.values().length)];
    }

    /** Adds the 2026 fields of the row's shape to a users-report row (which has its user_id and counters). */
    static void addToUserRow(ObjectNode row, long scopeId, LocalDate day) {
        long userId = row.get("user_id").asLong();
        Shape shape = shape(userId, day);
        Random r = new Random(seed(userId, day.toEpochDay(), scopeId));
        if (shape == Shape.BEFORE_2026_FIELDS) {
            return;
        }
        if (shape == Shape.CODING_AGENT_NAMING) {
            row.put("used_copilot_coding_agent", r.nextDouble() < 0.3);
        } else {
            boolean cloud = r.nextDouble() < 0.3;
            row.put("used_copilot_cloud_agent", cloud);
            if (r.nextDouble() < 0.3) {
                row.put("used_copilot_coding_agent", cloud);          // the old name, mirrored for a while after the rename
            }
        }
        row.put("used_copilot_code_review_active", r.nextDouble() < 0.3);
        row.put("used_copilot_code_review_passive", r.nextDouble() < 0.4);
        if (shape == Shape.CODING_AGENT_NAMING) {
            return;
        }
        row.put("used_copilot_app", r.nextDouble() < 0.2);
        if (r.nextDouble() < 0.1) {
            row.putNull("ai_credits_used");
        } else {
            row.put("ai_credits_used", BigDecimal.valueOf(r.nextInt(2500), 2).doubleValue());   // e.g. 12.35, 0.1, 7.0
        }
        Random cohort = new Random(seed(userId, day.toEpochDay(), 3));    // one cohort a person, whatever the scope
        if (cohort.nextDouble() < 0.1) {
            row.putNull("ai_adoption_phase");
        } else {
            int phase = cohort.nextInt(4);
            row.putObject("ai_adoption_phase").put("phase", phase == 0 ? "No Cohort" : "Phase " + phase)
                    .put("phase_number", phase).put("version", "v1");
        }
        ArrayNode agents = row.putArray("totals_by_3rd_party_agent");
        for (String[] agent : AGENTS) {
            if (r.nextDouble() < 0.25) {
                agents.addObject().put("agent_id", agent[0]).put("agent_name", agent[1])
                        .put("user_initiated_interaction_count", 1 + r.nextInt(12));
            }
        }
    }

    /** The enterprise row of a person active in several organizations: credits summed, flags or'ed, agents summed. */
    static void mergeInto(ObjectNode into, ObjectNode row) {
        JsonNode credits = row.get("ai_credits_used");
        if (credits != null && credits.isNumber()) {
            JsonNode had = into.get("ai_credits_used");
            BigDecimal sum = had != null && had.isNumber() ? had.decimalValue().add(credits.decimalValue()) : credits.decimalValue();
            into.put("ai_credits_used", sum.setScale(2, RoundingMode.HALF_UP).doubleValue());
        }
        for (String flag : FLAGS) {
            if (row.has(flag)) {
                into.put(flag, into.path(flag).asBoolean(false) || row.get(flag).asBoolean());
            }
        }
        if (row.has("totals_by_3rd_party_agent")) {
            Map<String, ObjectNode> byAgent = new TreeMap<>();
            for (JsonNode a : into.withArray("totals_by_3rd_party_agent")) {
                byAgent.put(a.get("agent_id").asText(), ((ObjectNode) a).deepCopy());
            }
            for (JsonNode a : row.get("totals_by_3rd_party_agent")) {
                ObjectNode sum = byAgent.computeIfAbsent(a.get("agent_id").asText(), id -> ((ObjectNode) a).deepCopy()
                        .put("user_initiated_interaction_count", 0));
                sum.put("user_initiated_interaction_count", sum.get("user_initiated_interaction_count").asLong()
                        + a.get("user_initiated_interaction_count").asLong());
            }
            into.putArray("totals_by_3rd_party_agent").addAll(byAgent.values());
        }
    }

    /** Whether a row says its user used the cloud agent: the new name, else the old one; null when it has neither. */
    static Boolean cloudAgent(JsonNode row) {
        JsonNode v = row.hasNonNull("used_copilot_cloud_agent") ? row.get("used_copilot_cloud_agent") : row.get("used_copilot_coding_agent");
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    /**
     * Adds the 2026 aggregate fields to an organization's or the enterprise's day totals, from the day's user rows.
     * Some days before 2026-06-01 were served without them; the weekly and monthly windows are not derivable from one
     * day's rows, so they are the daily count plus a seeded few.
     */
    static void addToTotals(ObjectNode totals, long scopeId, LocalDate day, List<ObjectNode> rows) {
        Random r = new Random(seed(scopeId, day.toEpochDay(), 2));
        if (day.isBefore(AI_CREDITS_FROM) && r.nextDouble() < 0.25) {
            return;
        }
        windows(totals, r, "copilot_cloud_agent_users", "active", rows.stream().map(UsageFields2026::cloudAgent).toList());
        windows(totals, r, "copilot_code_review_users", "active", flags(rows, "used_copilot_code_review_active"));
        windows(totals, r, "copilot_code_review_users", "passive", flags(rows, "used_copilot_code_review_passive"));
        putCount(totals, "daily_active_copilot_app_users", flags(rows, "used_copilot_app"));
        Map<String, ObjectNode> byAgent = new TreeMap<>();
        for (ObjectNode row : rows) {
            for (JsonNode a : row.path("totals_by_3rd_party_agent")) {
                ObjectNode sum = byAgent.computeIfAbsent(a.get("agent_id").asText(), id -> F.objectNode().put("agent_id", id)
                        .put("agent_name", a.get("agent_name").asText()).put("user_initiated_interaction_count", 0));
                sum.put("user_initiated_interaction_count", sum.get("user_initiated_interaction_count").asLong()
                        + a.get("user_initiated_interaction_count").asLong());
            }
        }
        byAgent.values().forEach(a -> a.put("session_count", 1 + r.nextInt((int) a.get("user_initiated_interaction_count").asLong())));
        totals.putArray("totals_by_3rd_party_agent").addAll(byAgent.values());
        totals.set("totals_by_ai_adoption_phase", phases(rows, r));
        if (r.nextBoolean()) {                                    // CLI customization totals: only on some days
            for (String[] kind : CUSTOMIZATIONS) {
                ArrayNode items = totals.putArray(kind[0]);
                for (int i = 2; i < kind.length; i++) {
                    if (r.nextBoolean()) {
                        items.addObject().put(kind[1], kind[i]).put("interaction_count", 1 + r.nextInt(20));
                    }
                }
            }
        }
    }

    private static List<Boolean> flags(List<ObjectNode> rows, String flag) {
        return rows.stream().map(row -> row.hasNonNull(flag) ? row.get(flag).asBoolean() : null).toList();
    }

    /** GitHub's counts are null when no row of the period carries the signal, and a count (0 too) when some do. */
    private static Long count(List<Boolean> flags) {
        return flags.stream().allMatch(f -> f == null) ? null : flags.stream().filter(Boolean.TRUE::equals).count();
    }

    private static void putCount(ObjectNode totals, String field, List<Boolean> flags) {
        Long n = count(flags);
        if (n == null) {
            totals.putNull(field);
        } else {
            totals.put(field, n);
        }
    }

    private static void windows(ObjectNode totals, Random r, String suffix, String kind, List<Boolean> flags) {
        Long daily = count(flags);
        Long weekly = daily == null ? null : daily + r.nextInt(3);
        Long monthly = weekly == null ? null : weekly + r.nextInt(3);
        String[] names = {"daily_" + kind + "_" + suffix, "weekly_" + kind + "_" + suffix, "monthly_" + kind + "_" + suffix};
        Long[] values = {daily, weekly, monthly};
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                totals.putNull(names[i]);
            } else {
                totals.put(names[i], values[i]);
            }
        }
    }

    /** Per phase: the engaged users and their averages, as GitHub's totals_by_ai_adoption_phase entries. */
    private static ArrayNode phases(List<ObjectNode> rows, Random r) {
        Map<Integer, List<ObjectNode>> byPhase = new TreeMap<>();
        for (ObjectNode row : rows) {
            if (row.path("ai_adoption_phase").has("phase_number")) {
                byPhase.computeIfAbsent(row.get("ai_adoption_phase").get("phase_number").asInt(), k -> new java.util.ArrayList<>()).add(row);
            }
        }
        ArrayNode out = F.arrayNode();
        byPhase.forEach((phase, users) -> out.addObject()
                .put("phase", users.get(0).get("ai_adoption_phase").get("phase").asText()).put("phase_number", phase)
                .put("total_engaged_users", users.size())
                .put("avg_user_initiated_interactions", average(users, "user_initiated_interaction_count"))
                .put("avg_code_generation_activities", average(users, "code_generation_activity_count"))
                .put("avg_code_acceptance_activities", average(users, "code_acceptance_activity_count"))
                .put("avg_loc_added", average(users, "loc_added_sum"))
                .put("avg_loc_deleted", average(users, "loc_deleted_sum"))
                .put("avg_pull_requests_created", r.nextInt(300) / 100.0)
                .put("avg_pull_requests_merged", r.nextInt(200) / 100.0)
                .put("avg_pull_requests_reviewed", r.nextInt(300) / 100.0));
        return out;
    }

    private static double average(List<ObjectNode> rows, String field) {
        long sum = rows.stream().mapToLong(u -> u.path(field).asLong()).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(rows.size()), 2, RoundingMode.HALF_UP).doubleValue();
    }

    private static long seed(long a, long b, long c) {
        return (a * 1_000_003L + b) * 31L + c;
    }
}
