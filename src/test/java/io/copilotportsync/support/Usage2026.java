package io.copilotportsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What Port must hold of GitHub's 2026 fields, computed from generated report rows the way the README states it
 * (not the way the code under test does): flags with the coding agent's old name as the fallback, credits in cents.
 */
public final class Usage2026 {
    private Usage2026() {
    }

    /** The flag as the row says it; for the cloud agent the old name when the new one is missing or null. */
    public static Boolean flag(JsonNode row, String name) {
        if (name.equals("cloud agent")) {
            Boolean cloud = flag(row, "used_copilot_cloud_agent");
            return cloud != null ? cloud : flag(row, "used_copilot_coding_agent");
        }
        JsonNode v = row.get(name);
        return v == null || v.isNull() ? null : v.booleanValue();
    }

    public static Long cents(JsonNode row) {
        JsonNode v = row.get("ai_credits_used");
        return v == null || v.isNull() ? null : Math.round(v.doubleValue() * 100);
    }

    public static BigDecimal ofCents(long cents) {
        return BigDecimal.valueOf(cents, 2).stripTrailingZeros();
    }

    /** The expected 2026 properties of one person's day from their row(s): one row, or one per organization. */
    public static Map<String, Object> expectedUser(List<ObjectNode> rows) {
        Map<String, Object> p = new TreeMap<>();
        List<Long> credits = rows.stream().map(Usage2026::cents).filter(Objects::nonNull).toList();
        p.put("ai_credits_used", credits.isEmpty() ? null : ofCents(credits.stream().mapToLong(Long::longValue).sum()));
        JsonNode phase = rows.get(0).get("ai_adoption_phase");
        p.put("ai_adoption_phase", phase == null || phase.isNull() ? null : phase.get("phase").asText());
        p.put("ai_adoption_phase_number", phase == null || phase.isNull() ? null : BigDecimal.valueOf(phase.get("phase_number").asLong()).stripTrailingZeros());
        for (String[] f : new String[][] {{"used_copilot_cloud_agent", "cloud agent"}, {"used_copilot_code_review_active", null},
                {"used_copilot_code_review_passive", null}, {"used_copilot_app", null}}) {
            List<Boolean> said = rows.stream().map(r -> flag(r, f[1] == null ? f[0] : f[1])).filter(Objects::nonNull).toList();
            p.put(f[0], said.isEmpty() ? null : said.contains(true));
        }
        p.put("totals_by_3rd_party_agent", agents(rows));
        return p;
    }

    /** Agent usage summed per agent over the rows, in agent id order; null when no row has the breakdown. */
    public static Object agents(List<ObjectNode> rows) {
        if (rows.stream().noneMatch(r -> r.has("totals_by_3rd_party_agent"))) {
            return null;
        }
        Map<String, Map<String, Object>> byAgent = new TreeMap<>();
        for (ObjectNode row : rows) {
            for (JsonNode a : row.path("totals_by_3rd_party_agent")) {
                Map<String, Object> sum = byAgent.computeIfAbsent(a.get("agent_id").asText(), id -> new TreeMap<>(Map.of(
                        "agent_id", id, "agent_name", a.get("agent_name").asText(), "user_initiated_interaction_count", BigDecimal.ZERO)));
                sum.put("user_initiated_interaction_count", ((BigDecimal) sum.get("user_initiated_interaction_count"))
                        .add(a.get("user_initiated_interaction_count").decimalValue()));
            }
        }
        byAgent.values().forEach(a -> a.put("user_initiated_interaction_count",
                ((BigDecimal) a.get("user_initiated_interaction_count")).stripTrailingZeros()));
        return new ArrayList<>(byAgent.values());
    }

    /** Port's agent array in agent id order, without the aggregate's session_count (not derivable from the rows). */
    @SuppressWarnings("unchecked")
    public static Object agentsHeld(Object held) {
        if (!(held instanceof List<?> list)) {
            return held;
        }
        return list.stream().map(a -> {
            Map<String, Object> copy = new TreeMap<>((Map<String, Object>) a);
            copy.remove("session_count");
            return copy;
        }).sorted((a, b) -> a.get("agent_id").toString().compareTo(b.get("agent_id").toString())).toList();
    }
}
