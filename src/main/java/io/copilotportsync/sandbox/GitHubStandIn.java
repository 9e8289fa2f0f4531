package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's Copilot API over {@link SandboxData}, in GitHub's shapes: the daily usage reports (manifests on 127.0.0.1,
 * signed files on a download host at 127.0.0.2; users and user-teams reports split over two links, organization and
 * enterprise reports one object with no trailing newline), seats and teams and organizations paged with a Link
 * header, billing, and the legacy metrics endpoints, which answer 404 (closed) unless told otherwise. Given a GitHub App's
 * endpoints ({@link #actAsApp}, tests only), it also answers them and takes the App's installation tokens.
 */
public final class GitHubStandIn extends StandInServer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern REPORT = Pattern.compile(
            "/(orgs|enterprises)/([^/]+)/copilot/metrics/reports/(organization-1-day|enterprise-1-day|users-1-day|user-teams-1-day"
                    + "|repos-1-day|organization-28-day|enterprise-28-day|users-28-day)(/latest)?");
    private static final Pattern SEATS = Pattern.compile("/(orgs|enterprises)/([^/]+)/copilot/billing/seats");
    private static final Pattern BILLING = Pattern.compile("/orgs/([^/]+)/copilot/billing");
    private static final Pattern TEAMS = Pattern.compile("/orgs/([^/]+)/teams");
    private static final Pattern LEGACY = Pattern.compile("/(orgs|enterprises)/([^/]+)(?:/team/([^/]+))?/copilot/metrics");
    /** The billing API's organization endpoints live under /organizations/, not /orgs/. */
    private static final Pattern AI_CREDITS = Pattern.compile("/(organizations|enterprises)/([^/]+)/settings/billing/ai_credit/usage");

    private final SandboxData data;
    private final String token;
    private final String signature = "sig-" + UUID.randomUUID();
    private final UsageReports reports;
    private final GitHubPaging paging;
    private final LegacyMetrics legacy;
    private final ReportFileHost downloads;
    private final AiCreditUsageData aiCredits;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> manifests = new ConcurrentHashMap<>();
    private volatile GitHubStaging staged = new GitHubStaging() { };
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    private volatile AppEndpoints app;

    public GitHubStandIn(SandboxData data, String token) throws IOException {
        this(data, token, null);
    }

    /** @param tls null: plain HTTP; else the API and the download host answer HTTPS with this context's certificate */
    public GitHubStandIn(SandboxData data, String token, javax.net.ssl.SSLContext tls) throws IOException {
        super("127.0.0.1", tls);
        this.data = data;
        this.token = token;
        this.reports = new UsageReports(data, () -> staged);
        this.paging = new GitHubPaging(this::url, () -> staged);
        this.legacy = new LegacyMetrics(data, paging);
        this.downloads = new ReportFileHost(reports, signature, tls);
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

    /** From now on also a GitHub App host: these endpoints answer for the App, and its installation tokens are taken. */
    public void actAsApp(AppEndpoints app) {
        this.app = app;
    }

    /** The data this stand-in serves. */
    public SandboxData data() {
        return data;
    }

    /** The secret part of every download link this stand-in hands out. */
    public String signature() {
        return signature;
    }

    public ReportFileHost downloads() {
        return downloads;
    }

    /**
     * The shapes of the organization and enterprise totals files: GitHub's live 1-day files are flat (the default
     * here), the docs' example wraps them in day_totals; the 28-day files wrap their days (the default here).
     */
    public void totalsFiles(TotalsFile daily, TotalsFile latest) {
        reports.totalsFiles(daily, latest);
    }

    /** From now on GitHub answers as staged. */
    public void stage(GitHubStaging staged) {
        this.staged = staged;
    }

    /** How many manifests of a report (say "users-1-day" or "users-28-day") were asked for, over every scope. */
    public int manifestCalls(String report) {
        java.util.concurrent.atomic.AtomicInteger n = manifests.get(report);
        return n == null ? 0 : n.get();
    }

    /**
     * How the legacy /copilot/metrics endpoints answer for an organization (or "enterprise"): 404 (the default:
     * GitHub closed them on 2026-04-02), 422 (metrics policy disabled), or 200 with day records.
     */
    public void legacyAnswers(String scope, int status) {
        legacy.answers(scope, status);
    }

    @Override
    protected void handle(Request request, HttpExchange exchange) throws IOException {
        int used = calls.incrementAndGet();
        exchange.getResponseHeaders().set("x-ratelimit-limit", "5000");
        exchange.getResponseHeaders().set("x-ratelimit-remaining", Integer.toString(Math.max(0, 5000 - used)));
        exchange.getResponseHeaders().set("x-ratelimit-used", Integer.toString(used));
        exchange.getResponseHeaders().set("x-ratelimit-reset", Long.toString(java.time.Instant.now().getEpochSecond() + 3600));
        exchange.getResponseHeaders().set("x-ratelimit-resource", "core");
        AppEndpoints app = this.app;
        if (app != null && app.answers(request.path())) {
            app.handle(request, exchange, items -> paging.page(request, exchange, items, GitHubPaging::array));
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
            exchange.getResponseHeaders().set("x-oauth-scopes", staged.tokenScopes());
            send(exchange, 200, "{\"login\":\"sandbox-admin\",\"id\":1,\"type\":\"User\"}");
        } else if (path.equals("/user/orgs")) {
            paging.page(request, exchange, data.organizations().stream().map(o -> (JsonNode) data.organizationObject(o)).toList(), GitHubPaging::array);
        } else if ((m = REPORT.matcher(path)).matches()) {
            manifests.computeIfAbsent(m.group(3), r -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            if (m.group(3).endsWith("-28-day") == (m.group(4) != null)) {
                manifest(request, exchange, m.group(1), m.group(2), m.group(3));
            } else {
                notFound(exchange);
            }
        } else if ((m = SEATS.matcher(path)).matches() && knownScope(m.group(1), m.group(2))) {
            List<ObjectNode> seats = m.group(1).equals("orgs") ? data.seats(m.group(2)) : data.enterpriseSeats();
            paging.page(request, exchange, List.copyOf(seats),
                    slice -> F.objectNode().put("total_seats", seats.size()).set("seats", GitHubPaging.array(slice)));
        } else if ((m = BILLING.matcher(path)).matches() && knownScope("orgs", m.group(1))) {
            send(exchange, 200, data.billing(m.group(1)).toString());
        } else if ((m = TEAMS.matcher(path)).matches() && knownScope("orgs", m.group(1))) {
            String org = m.group(1);
            paging.page(request, exchange, data.organization(org).teams().stream().map(t -> (JsonNode) team(org, t)).toList(), GitHubPaging::array);
        } else if ((m = LEGACY.matcher(path)).matches() && knownScope(m.group(1), m.group(2))) {
            legacy.answer(request, exchange, m.group(1), m.group(2), m.group(3));
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
        if (!knownScope(type, scope) || wrongTotals || latest && !staged.servesLatestReports()) {
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
        List<ObjectNode> rows = reports.rows(type, scope, report, day);
        if (rows == null) {
            send(exchange, 204, "");
            return;
        }
        int parts = UsageReports.parts(report, rows);
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
        List<ObjectNode> rows = reports.rows(type, scope, report, end);
        if (rows == null) {
            send(exchange, 204, "");
            return;
        }
        ObjectNode manifest = F.objectNode();
        for (int p = 1; p <= UsageReports.parts(report, rows); p++) {
            manifest.withArray("download_links").add(downloads.url() + "/reports/" + type + "/" + scope + "/" + report + "/" + end
                    + "/" + p + ".ndjson?sv=2025-01-05&se=2099-01-01&sig=" + signature);
        }
        manifest.put("report_start_day", end.minusDays(UsageReports.LATEST_DAYS - 1L).toString());
        manifest.put("report_end_day", end.toString());
        send(exchange, 200, manifest.toString());
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

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
    }

    @Override
    public void close() {
        downloads.close();
        super.close();
    }
}
