package io.copilotportsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.github.GitHubAppException;
import io.copilotportsync.github.InstallationTokens;
import io.copilotportsync.http.AnswerMessage;
import io.copilotportsync.http.RetryTimings;
import io.copilotportsync.port.PortException;
import io.copilotportsync.port.PortTokenCache;
import io.copilotportsync.sync.SourceKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code validate}'s online part: the GitHub token is accepted and (for a classic token) has the scopes the
 * configured kinds need, a GitHub App's JWT is accepted and the App is installed on each organization, each
 * organization allows the Copilot usage metrics API, and Port accepts its credentials. Each problem is one line
 * with its fix.
 */
final class ConnectivityCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SyncSettings settings;
    /** A check tries a call twice at most: validate answers within seconds, even when GitHub does not. */
    private static final RetryTimings QUICK = new RetryTimings(2, Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), "validate's own limit on a wait (a sync waits up to RETRY_MAX_WAIT)");
    private final io.copilotportsync.http.Network network;
    private final HttpClient http;
    private final InstallationTokens app;

    ConnectivityCheck(SyncSettings settings) {
        this.settings = settings;
        // the clients of a sync, through the same proxy and with the same CAs, so that a pass here means the sync connects
        this.network = new io.copilotportsync.http.Network(settings.network());
        this.http = network.httpClient().connectTimeout(Duration.ofSeconds(10)).build();
        this.app = settings.usesGitHubApp() ? new InstallationTokens(settings.routeProperties().get("github.api-url"),
                settings.githubApiVersion(), settings.githubApp(), Clock.systemUTC(), QUICK, network) : null;
    }

    List<String> problems(List<String> kinds) {
        List<String> problems = new ArrayList<>();
        github(kinds, problems);
        port(problems);
        return problems;
    }

    private HttpResponse<String> get(String path, String credential) throws Exception {
        String api = settings.routeProperties().get("github.api-url");
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", settings.githubApiVersion())
                .header("Authorization", "Bearer " + credential).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void github(List<String> kinds, List<String> problems) {
        try {
            if (app != null && !app(problems)) {
                return;
            }
            if (!settings.githubToken().isEmpty() && !token(kinds, problems)) {
                return;
            }
            organizations(problems);
        } catch (Exception e) {
            problems.add("GITHUB_API_URL: GitHub cannot be reached at " + settings.githubApiUrl() + " ("
                    + io.copilotportsync.http.Network.explain(e) + ")");
        }
    }

    /** The App's JWT is accepted (GET /app), its configured installation exists, and without GITHUB_ORGS it has organizations. */
    private boolean app(List<String> problems) throws Exception {
        HttpResponse<String> self = get("/app", app.jwt());
        if (self.statusCode() == 401) {
            problems.add("GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY: GitHub does not accept the App's JWT (401" + AnswerMessage.of(self.body())
                    + "); check the App ID and that the key is a current private key of that App (App settings > Private keys)");
            return false;
        }
        Long installation = settings.githubApp().installationId();
        if (installation != null && get("/app/installations/" + installation, app.jwt()).statusCode() == 404) {
            problems.add("GITHUB_APP_INSTALLATION_ID: the App has no installation " + installation
                    + "; take the number from the installation's settings URL (.../installations/NUMBER), or unset it");
            return false;
        }
        if (settings.githubOrgs().isEmpty()) {
            HttpResponse<String> installations = get("/app/installations?per_page=100", app.jwt());
            boolean anyOrganization = false;
            if (installations.statusCode() == 200) {
                for (JsonNode listed : JSON.readTree(installations.body())) {
                    anyOrganization |= listed.path("account").path("type").asText().equals("Organization");
                }
            }
            if (!anyOrganization) {
                problems.add("GITHUB_ORGS: empty, and the GitHub App is installed on no organization; install it on the "
                        + "organizations to sync (the App's page on GitHub > Install App)");
            }
        }
        return true;
    }

    /** The token is accepted (GET /user) and, for a classic token, has the scopes the kinds need. */
    private boolean token(List<String> kinds, List<String> problems) throws Exception {
        HttpResponse<String> user = get("/user", settings.githubToken());
        if (user.statusCode() == 401) {
            problems.add("GITHUB_TOKEN: GitHub does not accept it (401); create a new token");
            return false;
        }
        if (unchecked(user)) {
            problems.add("GITHUB_TOKEN: could not be checked: " + unanswered(user));
            return false;
        }
        String header = user.headers().firstValue("x-oauth-scopes").orElse(null);
        if (header != null) {   // a classic token: its scopes are listed (fine-grained tokens have none)
            Set<String> scopes = Arrays.stream(header.split(",")).map(String::trim).collect(Collectors.toSet());
            boolean organizationKinds = kinds.stream().map(k -> SourceKind.of(k, settings.mappingFile()))
                    .anyMatch(k -> k.reads(io.copilotportsync.github.Scope.Type.ORGANIZATION));
            boolean enterpriseKinds = !settings.githubEnterprise().isEmpty() && kinds.stream()
                    .map(k -> SourceKind.of(k, settings.mappingFile())).anyMatch(k -> k.reads(io.copilotportsync.github.Scope.Type.ENTERPRISE));
            // with a GitHub App, the organizations are the App's: the token serves the enterprise only
            if (organizationKinds && app == null && !scopes.contains("read:org") && !scopes.contains("admin:org") && !scopes.contains("manage_billing:copilot")) {
                problems.add("GITHUB_TOKEN: lacks a scope for the organization kinds (has: " + header + "); add read:org or manage_billing:copilot");
            }
            if (enterpriseKinds && !scopes.contains("read:enterprise") && !scopes.contains("admin:enterprise")
                    && !scopes.contains("manage_billing:copilot")) {
                problems.add("GITHUB_TOKEN: lacks a scope for the enterprise kinds (has: " + header
                        + "); add read:enterprise or manage_billing:copilot");
            }
        }
        return true;
    }

    /** Each organization answers for its usage reports, with the credential the sync uses for it. */
    private void organizations(List<String> problems) throws Exception {
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        for (String org : settings.githubOrgs()) {
            String credential;
            try {
                credential = app == null ? settings.githubToken() : app.token(org);
            } catch (GitHubAppException e) {
                problems.add("GITHUB_ORGS: " + e.getMessage());
                continue;
            }
            HttpResponse<String> answer = get("/orgs/" + org + "/copilot/metrics/reports/organization-1-day?day=" + day, credential);
            int status = answer.statusCode();
            if (unchecked(answer)) {
                problems.add("GITHUB_ORGS: organization '" + org + "' could not be checked: " + unanswered(answer));
            } else if (status == 422 || status == 403) {
                problems.add("GITHUB_ORGS: organization '" + org + "' answers " + status + " for its usage reports; an owner enables "
                        + "the Copilot usage metrics policy (Settings > Copilot > Policies), or the token lacks access to it");
            } else if (status == 404) {
                problems.add("GITHUB_ORGS: organization '" + org + "' is unknown to this token (404); check its login and the token's access");
            }
        }
    }

    /** A rate limit or an outage says nothing about the configuration: not "accepted", not a finding, a check to repeat. */
    private static boolean unchecked(HttpResponse<String> answer) {
        return answer.statusCode() == 429 || answer.statusCode() >= 500
                || answer.statusCode() == 403 && answer.headers().firstValue("x-ratelimit-remaining").orElse("").equals("0");
    }

    private static String unanswered(HttpResponse<String> answer) {
        String wait = answer.headers().firstValue("retry-after").map(s -> " (it asks to wait " + s + " s)").orElse("");
        return "GitHub answered " + answer.statusCode() + " for GET " + answer.request().uri().getPath()
                + AnswerMessage.of(answer.body()) + wait + "; run validate again later";
    }

    private void port(List<String> problems) {
        try {
            new PortTokenCache(settings.routeProperties().get("port.api-url"), settings.portClientId(), settings.portClientSecret(),
                    Clock.systemUTC(), network, QUICK).token();
        } catch (PortException e) {
            problems.add("PORT_CLIENT_ID/PORT_CLIENT_SECRET: " + e.getMessage());
        } catch (Exception e) {
            problems.add("PORT_API_URL: Port cannot be reached at " + settings.portApiUrl() + " ("
                    + io.copilotportsync.http.Network.explain(e) + ")");
        }
    }
}
