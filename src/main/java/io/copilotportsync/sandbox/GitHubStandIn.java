package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's Copilot usage-report API over {@link SandboxData}: manifests on 127.0.0.1 that answer 200 with signed
 * download links or 204, and a separate download host on 127.0.0.2 that serves the NDJSON files. A users report is
 * split over two links; an organization report is one JSON object with no trailing newline, as GitHub's tiny files are.
 */
public final class GitHubStandIn extends StandInServer {
    private static final Pattern REPORT = Pattern.compile("/orgs/([^/]+)/copilot/metrics/reports/(organization-1-day|users-1-day)");
    private static final Pattern FILE = Pattern.compile("/reports/([^/]+)/(organization-1-day|users-1-day)/(\\d{4}-\\d{2}-\\d{2})/(\\d)\\.ndjson");

    private final SandboxData data;
    private final String token;
    private final String signature = "sig-" + UUID.randomUUID();
    private final DownloadHost downloads;
    private final Map<String, String> extraLines = new ConcurrentHashMap<>();

    public GitHubStandIn(SandboxData data, String token) throws IOException {
        super("127.0.0.1");
        this.data = data;
        this.token = token;
        this.downloads = new DownloadHost();
    }

    public String token() {
        return token;
    }

    /** The secret part of every download link this stand-in hands out. */
    public String signature() {
        return signature;
    }

    public DownloadHost downloads() {
        return downloads;
    }

    /** Appends raw text (say, a line that is not JSON) to the first file of an organization's users report of a day. */
    public void appendToUsersReport(String org, LocalDate day, String text) {
        extraLines.put(org + "@" + day, text);
    }

    @Override
    protected void handle(Request request, HttpExchange exchange) throws IOException {
        if (!("Bearer " + token).equals(request.header("Authorization"))) {
            send(exchange, 401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");
            return;
        }
        Matcher m = REPORT.matcher(request.path());
        if (!m.matches() || !"GET".equals(request.method())) {
            send(exchange, 404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
            return;
        }
        String org = m.group(1);
        String report = m.group(2);
        if (data.organizations().stream().noneMatch(o -> o.login().equals(org))) {
            send(exchange, 404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(query(request, "day")));
        } catch (DateTimeParseException e) {
            send(exchange, 422, "{\"message\":\"Invalid day\",\"status\":\"422\"}");
            return;
        }
        List<?> rows = data.userRows(org, day);
        if (rows == null) {
            send(exchange, 204, "");
            return;
        }
        int parts = report.equals("users-1-day") && rows.size() > 1 ? 2 : 1;
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        for (int p = 1; p <= parts; p++) {
            manifest.withArray("download_links").add(downloads.url() + "/reports/" + org + "/" + report + "/" + day + "/" + p
                    + ".ndjson?sv=2025-01-05&se=2099-01-01&sig=" + signature);
        }
        manifest.put("report_day", day.toString());
        send(exchange, 200, manifest.toString());
    }

    /** The host that serves report files; it checks the link's signature, as a signed URL's host does. */
    public final class DownloadHost extends StandInServer {
        DownloadHost() throws IOException {
            super("127.0.0.2");
        }

        @Override
        protected void handle(Request request, HttpExchange exchange) throws IOException {
            Matcher m = FILE.matcher(request.path());
            if (!signature.equals(query(request, "sig"))) {
                send(exchange, 403, "<Error><Code>AuthenticationFailed</Code></Error>");
                return;
            }
            if (!m.matches()) {
                send(exchange, 404, "<Error><Code>BlobNotFound</Code></Error>");
                return;
            }
            String org = m.group(1);
            LocalDate day = LocalDate.parse(m.group(3));
            int part = Integer.parseInt(m.group(4));
            StringBuilder body = new StringBuilder();
            if (m.group(2).equals("organization-1-day")) {
                body.append(data.organizationRow(org, day).toString());
            } else {
                List<ObjectNode> rows = data.userRows(org, day);
                int half = (rows.size() + 1) / 2;
                List<ObjectNode> slice = rows.size() <= 1 ? rows : part == 1 ? rows.subList(0, half) : rows.subList(half, rows.size());
                slice.forEach(row -> body.append(row).append('\n'));
                if (part == 1) {
                    body.append(extraLines.getOrDefault(org + "@" + day, ""));
                }
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        downloads.close();
        super.close();
    }
}
