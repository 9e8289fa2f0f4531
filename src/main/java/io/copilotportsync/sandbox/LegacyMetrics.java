package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's legacy /copilot/metrics endpoints over {@link SandboxData}: closed (404) unless told otherwise, 422 when
 * the metrics policy is off, else day records (a team's only for days it had five or more active members).
 */
final class LegacyMetrics {
    private final SandboxData data;
    private final GitHubPaging paging;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    LegacyMetrics(SandboxData data, GitHubPaging paging) {
        this.data = data;
        this.paging = paging;
    }

    /** How the endpoints answer for an organization (or "enterprise"): 404, 422 or 200. */
    void answers(String scope, int status) {
        statuses.put(scope, status);
    }

    /** Answers /orgs/ORG/copilot/metrics, /orgs/ORG/team/TEAM/copilot/metrics or the enterprise's. */
    void answer(StandInServer.Request request, HttpExchange exchange, String type, String scope, String teamSlug) throws IOException {
        int status = statuses.getOrDefault(type.equals("orgs") ? scope : "enterprise", 404);
        if (status == 404) {
            StandInServer.send(exchange, 404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
            return;
        }
        if (status == 422) {
            StandInServer.send(exchange, 422, "{\"message\":\"Copilot Usage Metrics API setting is disabled at the organization or enterprise level.\",\"status\":\"422\"}");
            return;
        }
        LocalDate since = LocalDate.parse(StandInServer.query(request, "since").substring(0, 10));
        LocalDate until = LocalDate.parse(StandInServer.query(request, "until").substring(0, 10));
        List<JsonNode> records = new ArrayList<>();
        for (LocalDate day : data.days()) {
            if (day.isBefore(since) || day.isAfter(until)) {
                continue;
            }
            List<ObjectNode> rows = type.equals("enterprises") ? data.enterpriseUserRows(day) : data.userRows(scope, day);
            if (rows == null) {
                continue;
            }
            if (teamSlug != null) {
                SandboxData.Team team = data.organization(scope).teams().stream().filter(t -> t.slug().equals(teamSlug)).findFirst().orElse(null);
                if (team == null) {
                    StandInServer.send(exchange, 404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
                    return;
                }
                // GitHub gives team metrics only for days the team had five or more active members
                rows = rows.stream().filter(u -> team.members().stream().anyMatch(mb -> mb.id() == u.get("user_id").asLong())).toList();
                if (rows.size() < 5) {
                    continue;
                }
            }
            records.add(legacyDay(day, rows));
        }
        paging.page(request, exchange, records, GitHubPaging::array);
    }

    /**
     * The legacy /copilot/metrics day record (org-metrics.json shape) over some users' rows of one day: code
     * completions per IDE and language, chat per IDE.
     */
    static ObjectNode legacyDay(LocalDate day, List<ObjectNode> rows) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("date", day.toString());
        record.put("total_active_users", rows.size());
        record.put("total_engaged_users", rows.stream().filter(u -> u.get("code_generation_activity_count").asLong() > 0).count());
        ObjectNode completions = record.putObject("copilot_ide_code_completions");
        completions.put("total_engaged_users", rows.size());
        ObjectNode chat = record.putObject("copilot_ide_chat");
        List<ObjectNode> chatters = rows.stream().filter(u -> u.get("used_chat").asBoolean()).toList();
        chat.put("total_engaged_users", chatters.size());
        for (String ide : SandboxData.IDES) {
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
}
