package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * What GitHub's usage reports hold over {@link SandboxData}, in GitHub's file shapes: the rows of a report of a scope
 * and day (a 28-day report: every day's rows), how many links a report's rows are split over, and each file's
 * bytes. The GitHub stand-in's manifests list the links, its download host serves the files.
 */
final class UsageReports {
    private final SandboxData data;
    private final Supplier<GitHubStaging> staged;
    private volatile TotalsFile dailyTotals = TotalsFile.FLAT;
    private volatile TotalsFile latestTotals = TotalsFile.WRAPPED;

    UsageReports(SandboxData data, Supplier<GitHubStaging> staged) {
        this.data = data;
        this.staged = staged;
    }

    void totalsFiles(TotalsFile daily, TotalsFile latest) {
        this.dailyTotals = daily;
        this.latestTotals = latest;
    }

    static final int LATEST_DAYS = 28;

    /** The rows of a 28-day report ending on {@code end}: every day's rows, oldest first; null when no day has data. */
    private List<ObjectNode> latestRows(String type, String scope, String report, LocalDate end) {
        String daily = report.replace("-28-day", "-1-day");
        List<ObjectNode> all = new ArrayList<>();
        List<ObjectNode> totals = new ArrayList<>();
        for (LocalDate day = end.minusDays(LATEST_DAYS - 1L); !day.isAfter(end); day = day.plusDays(1)) {
            List<ObjectNode> rows = rows(type, scope, daily, day);
            if (rows == null) {
                continue;
            }
            if (daily.equals("users-1-day")) {
                all.addAll(rows);
            } else {
                totals.add(data.totals(type, scope, day));
            }
        }
        if (daily.equals("users-1-day")) {
            return all.isEmpty() ? null : all;
        }
        return totals.isEmpty() ? null : latestTotals.lines(totals, end.minusDays(LATEST_DAYS - 1L), end);
    }

    /** The rows of a report file, or null when GitHub has no report for that day. */
    List<ObjectNode> rows(String type, String scope, String report, LocalDate day) {
        boolean org = type.equals("orgs");
        if (report.endsWith("-28-day")) {
            return latestRows(type, scope, report, day);
        }
        return switch (report) {
            case "organization-1-day", "enterprise-1-day" -> data.totals(type, scope, day) == null ? null
                    : dailyTotals.lines(List.of(data.totals(type, scope, day)), day, day);
            case "users-1-day" -> org ? data.userRows(scope, day) : data.enterpriseUserRows(day);
            case "user-teams-1-day" -> org ? data.userTeamRows(scope, day) : data.enterpriseUserTeamRows(day);
            case "repos-1-day" -> org ? data.repositories().rows(scope, day) : data.repositories().enterpriseRows(day);
            default -> null;
        };
    }

    /** Row-per-line reports (users, user-teams, repos) come split over links, two or more; totals reports are one object. */
    static int parts(String report, List<ObjectNode> rows) {
        return report.startsWith("organization-") || report.startsWith("enterprise-")
                || rows.size() < 2 ? 1 : Math.max(2, Math.min(8, rows.size() / 25_000));
    }

    /** Writes link {@code part} of a report file (m: the file path matched, {@link ReportFileHost#FILE}). */
    void write(OutputStream body, Matcher m, List<ObjectNode> rows, int part) throws IOException {
        String report = m.group(3);
        String file = m.group(1) + "/" + m.group(2) + "/" + report + "/" + m.group(4);
        String replaced = staged.get().replacedFile(file);
        if (replaced != null) {
            body.write(replaced.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (report.startsWith("organization-") || report.startsWith("enterprise-")) {
            // NDJSON whose last line has no newline: a 1-day file is then one JSON object, as GitHub's are
            for (int i = 0; i < rows.size(); i++) {
                body.write(StandInServer.WRITER.writeValueAsBytes(rows.get(i)));
                if (i < rows.size() - 1) {
                    body.write('\n');
                }
            }
            return;
        }
        int parts = parts(report, rows);
        int size = (rows.size() + parts - 1) / parts;
        List<ObjectNode> slice = rows.subList(Math.min(rows.size(), (part - 1) * size), Math.min(rows.size(), part * size));
        try (var lines = StandInServer.WRITER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .withRootValueSeparator("\n").writeValues(body)) {
            lines.writeAll(slice);
        }
        if (!slice.isEmpty()) {
            body.write('\n');
        }
        if (part == 1) {
            body.write(staged.get().extraLines(file).getBytes(StandardCharsets.UTF_8));
        }
    }
}
