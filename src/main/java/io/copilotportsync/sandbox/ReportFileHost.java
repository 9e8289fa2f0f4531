package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The host that serves GitHub's report files (the signed links); it checks the link's signature, as a signed URL's host does. */
public final class ReportFileHost extends StandInServer {
    static final Pattern FILE = Pattern.compile(
            "/reports/(orgs|enterprises)/([^/]+)/([a-z0-9-]+)/(\\d{4}-\\d{2}-\\d{2})/(\\d)\\.ndjson");

    private final UsageReports reports;
    private final String signature;

    ReportFileHost(UsageReports reports, String signature, javax.net.ssl.SSLContext tls) throws IOException {
        super("127.0.0.2", tls);
        this.reports = reports;
        this.signature = signature;
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
        String report = m.group(3);
        LocalDate day = LocalDate.parse(m.group(4));
        int part = Integer.parseInt(m.group(5));
        List<ObjectNode> rows = reports.rows(m.group(1), m.group(2), report, day);
        if (rows == null) {
            send(exchange, 404, "<Error><Code>BlobNotFound</Code></Error>");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        String file = m.group(1) + "/" + m.group(2) + "/" + report + "/" + day;
        Integer breakAfter = breaks.remove(file + "/" + part);
        if (breakAfter != null) {
            breakOff(exchange, m, rows, part, breakAfter);
            return;
        }
        // written as it is serialized (chunked), as a blob store streams a file: never a whole file in memory
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            reports.write(body, m, rows, part);
        }
    }

    private final Map<String, Integer> breaks = new ConcurrentHashMap<>();

    /**
     * The next download of this file ("orgs/octo-org/users-1-day/2026-03-20", its link number) announces its
     * whole length and breaks off after this many lines, as a connection that drops does.
     */
    public void breakOffOnce(String file, int part, int lines) {
        breaks.put(file + "/" + part, lines);
    }

    private void breakOff(HttpExchange exchange, Matcher m, List<ObjectNode> rows, int part, int lines) throws IOException {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        reports.write(whole, m, rows, part);
        byte[] bytes = whole.toByteArray();
        int cut = 0;
        for (int seen = 0; cut < bytes.length && seen < lines; cut++) {
            if (bytes[cut] == '\n') {
                seen++;
            }
        }
        faultGiven();
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes, 0, cut);
        exchange.getResponseBody().flush();
        throw new IOException("the stand-in breaks the download off after " + lines + " lines");
    }
}
