package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
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
            records.add(SandboxData.legacyDay(day, rows));
        }
        paging.page(request, exchange, records, GitHubPaging::array);
    }
}
