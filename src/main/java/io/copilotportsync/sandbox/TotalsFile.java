package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * The lines of an organization's or enterprise's totals report file, in either shape GitHub is known to use. Its
 * live 1-day files hold one flat day object (the day's totals themselves), which is what copilot-metrics-viewer and
 * go-github ({@code CopilotService.DownloadDailyMetrics} into one {@code CopilotDailyMetrics}) read; its docs' example,
 * and the live 28-day files ({@code DownloadPeriodicMetrics}), wrap the days in {@code day_totals}.
 */
public enum TotalsFile {
    /** One flat day object a line: a 1-day file is one line. */
    FLAT,
    /** One line whose day_totals holds every day, with the scope's id and the report's first and last day. */
    WRAPPED;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** @param days the day objects of the file, oldest first; each carries its scope's id field */
    public List<ObjectNode> lines(List<ObjectNode> days, LocalDate start, LocalDate end) {
        if (this == FLAT) {
            return days;
        }
        ObjectNode line = F.objectNode();
        line.set("day_totals", F.arrayNode().addAll(days));
        for (String id : new String[] {"organization_id", "enterprise_id"}) {
            if (days.get(0).has(id)) {
                line.set(id, days.get(0).get(id));
            }
        }
        line.put("report_start_day", start.toString());
        line.put("report_end_day", end.toString());
        return List.of(line);
    }
}
