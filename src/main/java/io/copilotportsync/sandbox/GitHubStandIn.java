package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's Copilot API over {@link SandboxData}, in GitHub's shapes: the daily usage reports (manifests on 127.0.0.1,
 * signed files on a download host at 127.0.0.2; users and user-teams reports split over two links, organization and
 * enterprise reports one object with no trailing newline), seats and teams and organizations paged with a Link
 * header, billing, and the legacy metrics endpoints, which answer 404 (closed) unless told otherwise. Told to act as a
 * GitHub App host ({@link #actAsApp}), it also answers the App's endpoints and takes its installation tokens.
 */
public final class GitHubStandIn extends StandInServer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern REPORT = Pattern.compile(
            "/(orgs|enterprises)/([^/]+)/copilot/metrics/reports/(organization-1-day|enterprise-1-day|users-1-day|user-teams-1-day"
                    + "|repos-1-day|organization-28-day|enterprise-28-day|users-28-day)(/latest)?");
    private static final Pattern FILE = Pattern.compile(
            "/reports/(orgs|enterprises)/([^/]+)/([a-z0-9-]+)/(\\d{4}-\\d{2}-\\d{2})/(\\d)\\.ndjson");
    private static final Pattern SEATS = Pattern.compile("/(orgs|enterprises)/([^/]+)/copilot/billing/seats");
    private static final Pattern BILLING = Pattern.compile("/orgs/([^/]+)/copilot/billing");
    private static final Pattern TEAMS = Pattern.compile("/orgs/([^/]+)/teams");
    private static final Pattern LEGACY = Pattern.compile("/(orgs|enterprises)/([^/]+)(?:/team/([^/]+))?/copilot/metrics");
    /** The billing API's organization endpoints live under /organizations/, not /orgs/. */
    private static final Pattern AI_CREDITS = Pattern.compile("/(organizations|enterprises)/([^/]+)/settings/billing/ai_credit/usage");

    private final SandboxData data;
    private final String token;
    private final String signature = "sig-" + UUID.randomUUID();
    private final DownloadHost downloads;
    private final AiCreditUsageData aiCredits;
    private final Map<String, String> extraLines = new ConcurrentHashMap<>();
    private final Map<String, Integer> legacyStatus = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> replacedFiles = new ConcurrentHashMap<>();
    private volatile boolean latestReports = true;
    private volatile TotalsFile dailyTotals = TotalsFile.FLAT;
    private volatile TotalsFile latestTotals = TotalsFile.WRAPPED;
    private volatile int maxPageSize = 100;
    private volatile String scopes = "read:org, read:enterprise, manage_billing:copilot";
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    private volatile GitHubAppHost app;

    public GitHubStandIn(SandboxData data, String token) throws IOException {
        this(data, token, null);
    }

    /** @param tls null: plain HTTP; else the API and the download host answer HTTPS with this context's certificate */
    public GitHubStandIn(SandboxData data, String token, javax.net.ssl.SSLContext tls) throws IOException {
        super("127.0.0.1", tls);
        this.data = data;
        this.token = token;
        this.downloads = new DownloadHost(tls);
        this.aiCredits = new AiCreditUsageData(data);
    }

    /** The AI-credit billing usage this stand-in serves. */
    public AiCreditUsageData aiCredits() {
        return aiCredits;
    }

    /** The billing API answers 403 for an organization (or "enterprise"), as for a token without the billing permission. */
    public void billingRefused(String scope) {
        aiCredits.refuse(scope, true);
    }

    /** The billing permission is granted again: the scope's billing API answers. */
    public void billingAllowed(String scope) {
        aiCredits.refuse(scope, false);
    }

    public String token() {
        return token;
    }

    /** From now on also a GitHub App host: the App (its public key) is installed on every organization of the data. */
    public GitHubAppHost actAsApp(long appId, java.security.PublicKey publicKey) {
        app = new GitHubAppHost(appId, publicKey, data.organizations().stream().map(SandboxData.Organization::login).toList());
        return app;
    }

    /** The secret part of every download link this stand-in hands out. */
    public String signature() {
        return signature;
    }

    public DownloadHost downloads() {
        return downloads;
    }

    /**
     * The next {@code times} calls whose path matches answer 401 with a message that quotes the request back, as a
     * proxy or gateway in front of GitHub may: the token and a signed report link, whole and as a bare request line.
     */
    public void echoCredentials(String pathRegex, int times) {
        String link = "/reports/orgs/octo-org/users-1-day/2026-01-01/1.ndjson?sv=2025-01-05&se=2099-01-01&sig=" + signature;
        inject(pathRegex, times, 401, Map.of(), F.objectNode().put("message", "Bad credentials: Bearer " + token + " url "
                + downloads.url() + link + " (GET " + link + " with Authorization: token " + token + ")").put("status", "401").toString());
    }

    /** Appends raw text (say, a line that is not JSON) to the first file of an organization's users report of a day. */
    public void appendToUsersReport(String org, LocalDate day, String text) {
        extraLines.put("orgs/" + org + "/users-1-day/" + day, text);
    }

    /**
     * The shapes of the organization and enterprise totals files: GitHub's live 1-day files are flat (the default
     * here), the docs' example wraps them in day_totals; the 28-day files wrap their days (the default here).
     */
    public void totalsFiles(TotalsFile daily, TotalsFile latest) {
        this.dailyTotals = daily;
        this.latestTotals = latest;
    }

    /** Serves this text as the whole (one-link) file of a report of a scope and day ("orgs/octo-org", say); null undoes it. */
    public void replaceReportFile(String scopePath, String report, LocalDate day, String text) {
        String key = scopePath + "/" + report + "/" + day;
        if (text == null) {
            replacedFiles.remove(key);
        } else {
            replacedFiles.put(key, text);
        }
    }

    /** Whether the 28-day/latest reports are served (else 404, as a GitHub without them would answer). */
    public void latestReports(boolean served) {
        this.latestReports = served;
    }

    /** How many manifests of a report (say "users-1-day" or "users-28-day") were asked for, over every scope. */
    public int manifestCalls(String report) {
        java.util.concurrent.atomic.AtomicInteger n = manifests.get(report);
        return n == null ? 0 : n.get();
    }

    /** The scopes a classic token has, as GitHub lists them in x-oauth-scopes. */
    public void scopes(String scopes) {
        this.scopes = scopes;
    }

    /** GitHub decides the page size whatever per_page asks for; a small one here makes every list span pages. */
    public void maxPageSize(int size) {
        this.maxPageSize = size;
    }

    /**
     * How the legacy /copilot/metrics endpoints answer for an organization (or "enterprise"): 404 (the default:
     * GitHub closed them on 2026-04-02), 422 (metrics policy disabled), or 200 with day records.
     */
    public void legacyAnswers(String scope, int status) {
        legacyStatus.put(scope, status);
    }

    @Override
    protected void handle(Request request, HttpExchange exchange) throws IOException {
        int used = calls.incrementAndGet();
        exchange.getResponseHeaders().set("x-ratelimit-limit", "5000");
        exchange.getResponseHeaders().set("x-ratelimit-remaining", Integer.toString(Math.max(0, 5000 - used)));
        exchange.getResponseHeaders().set("x-ratelimit-used", Integer.toString(used));
        exchange.getResponseHeaders().set("x-ratelimit-reset", Long.toString(java.time.Instant.now().getEpochSecond() + 3600));
        exchange.getResponseHeaders().set("x-ratelimit-resource", "core");
        GitHubAppHost app = this.app;
        if (app != null && app.answers(request.path())) {
            app.handle(request, exchange, items -> page(request, exchange, items, this::array));
            return;
        }
        if (!("Bearer " + token).equals(request.header("Authorization"))) {
            int refusal = app == null ? 401 : app.installationTokenRefusal(request.header("Authorization"), request.path());
            if (refusal == 401) {
                send(exchange, 401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");
                return;
            }
            if (refusal == 403) {
                send(exchange, 403, "{\"message\":\"Resource not accessible by integration\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"403\"}");
                return;
            }
        }
        if (!"GET".equals(request.method())) {
            notFound(exchange);
            return;
        }
        String path = request.path();
        Matcher m;
        if (path.equals("/user")) {
            exchange.getResponseHeaders().set("x-oauth-scopes", scopes);
            send(exchange, 200, "{\"login\":\"sandbox-admin\",\"id\":1,\"type\":\"User\"}");
        } else if (path.equals("/user/orgs")) {
            page(request, exchange, data.organizations().stream().map(o -> (JsonNode) data.organizationObject(o)).toList(), this::array);
        } else if ((m = REPORT.matcher(path)).matches()) {
            manifests.computeIfAbsent(m.group(3), r -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            if (m.group(3).endsWith("-28-day") == (m.group(4) != null)) {
                manifest(request, exchange, m.group(1), m.group(2), m.group(3));
            } else {
                notFound(exchange);
            }
        } else if ((m = SEATS.matcher(path)).matches() && knownScope(m.group(1), m.group(2))) {
            List<ObjectNode> seats = m.group(1).equals("orgs") ? data.seats(m.group(2)) : data.enterpriseSeats();
            page(request, exchange, List.copyOf(seats),
                    slice -> F.objectNode().put("total_seats", seats.size()).set("seats", array(slice)));
        } else if ((m = BILLING.matcher(path)).matches() && knownScope("orgs", m.group(1))) {
            send(exchange, 200, data.billing(m.group(1)).toString());
        } else if ((m = TEAMS.matcher(path)).matches() && knownScope("orgs", m.group(1))) {
            String org = m.group(1);
            page(request, exchange, data.organization(org).teams().stream().map(t -> (JsonNode) team(org, t)).toList(), this::array);
        } else if ((m = LEGACY.matcher(path)).matches() && knownScope(m.group(1), m.group(2))) {
            legacy(request, exchange, m.group(1), m.group(2), m.group(3));
        } else if ((m = AI_CREDITS.matcher(path)).matches() && knownScope(m.group(1).equals("organizations") ? "orgs" : "enterprises", m.group(2))) {
            aiCredits.answer(request, exchange, m.group(1), m.group(2));
        } else {
            notFound(exchange);
        }
    }

    private boolean knownScope(String type, String name) {
        return type.equals("orgs") ? data.organization(name) != null : name.equals(data.enterprise());
    }

    private void manifest(Request request, HttpExchange exchange, String type, String scope, String report) throws IOException {
        boolean wrongTotals = report.startsWith("organization-") && type.equals("enterprises")
                || report.startsWith("enterprise-") && type.equals("orgs");
        boolean latest = report.endsWith("-28-day");
        if (!knownScope(type, scope) || wrongTotals || latest && !latestReports) {
            notFound(exchange);
            return;
        }
        if (latest) {
            latestManifest(exchange, type, scope, report);
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(query(request, "day")));
        } catch (DateTimeParseException e) {
            send(exchange, 422, "{\"message\":\"Invalid day\",\"status\":\"422\"}");
            return;
        }
        List<ObjectNode> rows = rows(type, scope, report, day);
        if (rows == null) {
            send(exchange, 204, "");
            return;
        }
        int parts = parts(report, rows);
        ObjectNode manifest = F.objectNode();
        for (int p = 1; p <= parts; p++) {
            manifest.withArray("download_links").add(downloads.url() + "/reports/" + type + "/" + scope + "/" + report + "/" + day
                    + "/" + p + ".ndjson?sv=2025-01-05&se=2099-01-01&sig=" + signature);
        }
        manifest.put("report_day", day.toString());
        send(exchange, 200, manifest.toString());
    }

    /**
     * The latest 28-day report: the 28 days up to the newest day with data, in the same file shapes (a users file
     * row per user and day; one totals line whose day_totals hold every day). Files are named by the report's end day.
     */
    private void latestManifest(HttpExchange exchange, String type, String scope, String report) throws IOException {
        LocalDate end = data.days().get(data.days().size() - 1);
        List<ObjectNode> rows = rows(type, scope, report, end);
        if (rows == null) {
            send(exchange, 204, "");
            return;
        }
        ObjectNode manifest = F.objectNode();
        for (int p = 1; p <= parts(report, rows); p++) {
            manifest.withArray("download_links").add(downloads.url() + "/reports/" + type + "/" + scope + "/" + report + "/" + end
                    + "/" + p + ".ndjson?sv=2025-01-05&se=2099-01-01&sig=" + signature);
        }
        manifest.put("report_start_day", end.minusDays(LATEST_DAYS - 1L).toString());
        manifest.put("report_end_day", end.toString());
        send(exchange, 200, manifest.toString());
    }

    private static final int LATEST_DAYS = 28;

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
    private List<ObjectNode> rows(String type, String scope, String report, LocalDate day) {
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
    private static int parts(String report, List<ObjectNode> rows) {
        return report.startsWith("organization-") || report.startsWith("enterprise-")
                || rows.size() < 2 ? 1 : Math.max(2, Math.min(8, rows.size() / 25_000));
    }

    private void legacy(Request request, HttpExchange exchange, String type, String scope, String teamSlug) throws IOException {
        int status = legacyStatus.getOrDefault(type.equals("orgs") ? scope : "enterprise", 404);
        if (status == 404) {
            send(exchange, 404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
            return;
        }
        if (status == 422) {
            send(exchange, 422, "{\"message\":\"Copilot Usage Metrics API setting is disabled at the organization or enterprise level.\",\"status\":\"422\"}");
            return;
        }
        LocalDate since = LocalDate.parse(query(request, "since").substring(0, 10));
        LocalDate until = LocalDate.parse(query(request, "until").substring(0, 10));
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
                    notFound(exchange);
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
        page(request, exchange, records, this::array);
    }

    private ObjectNode team(String org, SandboxData.Team t) {
        ObjectNode team = F.objectNode();
        team.put("id", t.id()).put("node_id", "MDQ6VGVhbT" + t.id()).put("url", "https://api.github.com/teams/" + t.id())
                .put("html_url", "https://github.com/orgs/" + org + "/teams/" + t.slug()).put("name", t.name()).put("slug", t.slug())
                .put("description", t.slug().equals("design") ? null : "The " + t.name() + " team").put("privacy", "closed")
                .put("notification_setting", "notifications_enabled").put("permission", "pull")
                .put("members_url", "https://api.github.com/teams/" + t.id() + "/members{/member}")
                .put("repositories_url", "https://api.github.com/teams/" + t.id() + "/repos").putNull("parent");
        return team;
    }

    private ArrayNode array(List<? extends JsonNode> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    /** One page of a list (page/per_page, per_page capped by GitHub's own limit) with GitHub's Link header. */
    private void page(Request request, HttpExchange exchange, List<? extends JsonNode> items,
                      Function<List<? extends JsonNode>, JsonNode> body) throws IOException {
        int perPage = Math.min(maxPageSize, intQuery(request, "per_page", 30));
        int page = intQuery(request, "page", 1);
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        List<? extends JsonNode> slice = items.subList(Math.min(items.size(), (page - 1) * perPage), Math.min(items.size(), page * perPage));
        List<String> links = new ArrayList<>();
        if (page < last) {
            links.add(link(request, page + 1, "next"));
            links.add(link(request, last, "last"));
        }
        if (page > 1) {
            links.add(link(request, page - 1, "prev"));
            links.add(link(request, 1, "first"));
        }
        if (!links.isEmpty()) {
            exchange.getResponseHeaders().set("Link", String.join(", ", links));
        }
        send(exchange, 200, body.apply(slice));
    }

    private String link(Request request, int page, String rel) {
        StringBuilder query = new StringBuilder();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                if (!pair.startsWith("page=")) {
                    query.append(query.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.length() == 0 ? "" : "&").append("page=").append(page);
        return "<" + url() + request.path() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static int intQuery(Request request, String name, int fallback) {
        String v = query(request, name);
        try {
            return v == null ? fallback : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
    }

    /** The host that serves report files; it checks the link's signature, as a signed URL's host does. */
    public final class DownloadHost extends StandInServer {
        DownloadHost(javax.net.ssl.SSLContext tls) throws IOException {
            super("127.0.0.2", tls);
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
            List<ObjectNode> rows = rows(m.group(1), m.group(2), report, day);
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
                write(body, m, rows, part);
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
            write(whole, m, rows, part);
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

        private void write(OutputStream body, Matcher m, List<ObjectNode> rows, int part) throws IOException {
            String report = m.group(3);
            String file = m.group(1) + "/" + m.group(2) + "/" + report + "/" + m.group(4);
            String replaced = replacedFiles.get(file);
            if (replaced != null) {
                body.write(replaced.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (report.startsWith("organization-") || report.startsWith("enterprise-")) {
                // NDJSON whose last line has no newline: a 1-day file is then one JSON object, as GitHub's are
                for (int i = 0; i < rows.size(); i++) {
                    body.write(WRITER.writeValueAsBytes(rows.get(i)));
                    if (i < rows.size() - 1) {
                        body.write('\n');
                    }
                }
                return;
            }
            int parts = parts(report, rows);
            int size = (rows.size() + parts - 1) / parts;
            List<ObjectNode> slice = rows.subList(Math.min(rows.size(), (part - 1) * size), Math.min(rows.size(), part * size));
            try (var lines = WRITER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .withRootValueSeparator("\n").writeValues(body)) {
                lines.writeAll(slice);
            }
            if (!slice.isEmpty()) {
                body.write('\n');
            }
            if (part == 1) {
                body.write(extraLines.getOrDefault(file, "").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() {
        downloads.close();
        super.close();
    }
}
