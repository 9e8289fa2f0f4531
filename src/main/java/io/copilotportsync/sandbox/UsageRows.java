package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The generated rows of GitHub's usage reports: a member's day, and a scope's day totals over its members' rows. */
final class UsageRows {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private UsageRows() {
    }

    /** A member's users-1-day row of a day: activity, IDE, language, CLI, and the 2026 fields. */
    static ObjectNode userRow(Random r, SandboxData.Organization org, SandboxData.Member member, LocalDate day) {
        int generated = 1 + r.nextInt(60);
        int accepted = r.nextInt(generated + 1);
        int suggestedAdd = generated * (3 + r.nextInt(8));
        int added = accepted * (2 + r.nextInt(6));
        boolean chat = r.nextBoolean();
        boolean agent = r.nextDouble() < 0.3;
        boolean cli = r.nextDouble() < 0.2;
        String ide = SandboxData.IDES[r.nextInt(SandboxData.IDES.length)];
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
        for (String field : SandboxData.SUM_FIELDS) {
            if (!field.equals("user_initiated_interaction_count") || row.has(field)) {
                c.put(field, row.path(field).asLong());
            }
        }
        return c;
    }

    /** The day's totals of an organization or the enterprise over its users' rows. */
    static ObjectNode organizationRow(Random r, long scopeId, String idField, LocalDate day, List<ObjectNode> rows,
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
        for (String field : SandboxData.SUM_FIELDS) {
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
        for (String ide : SandboxData.IDES) {
            List<ObjectNode> users = rows.stream().filter(u -> u.path("totals_by_ide").path(0).path("ide").asText().equals(ide)).toList();
            if (!users.isEmpty()) {
                ObjectNode sums = F.objectNode().put("ide", ide);
                for (String field : SandboxData.SUM_FIELDS) {
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
