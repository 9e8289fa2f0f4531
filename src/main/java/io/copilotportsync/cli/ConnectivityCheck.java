package io.copilotportsync.cli;

import io.copilotportsync.config.SyncSettings;
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
 * configured kinds need, each organization allows the Copilot usage metrics API, and Port accepts its
 * credentials. Each problem is one line with its fix.
 */
final class ConnectivityCheck {
    private final SyncSettings settings;
    private final io.copilotportsync.http.Network network;
    private final HttpClient http;

    ConnectivityCheck(SyncSettings settings) {
        this.settings = settings;
        // the clients of a sync, through the same proxy and with the same CAs, so that a pass here means the sync connects
        this.network = new io.copilotportsync.http.Network(settings.network());
        this.http = network.httpClient().connectTimeout(Duration.ofSeconds(10)).build();
    }

    List<String> problems(List<String> kinds) {
        List<String> problems = new ArrayList<>();
        github(kinds, problems);
        port(problems);
        return problems;
    }

    private HttpResponse<String> get(String path) throws Exception {
        String api = settings.routeProperties().get("github.api-url");
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", settings.githubApiVersion())
                .header("Authorization", "Bearer " + settings.githubToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void github(List<String> kinds, List<String> problems) {
        try {
            HttpResponse<String> user = get("/user");
            if (user.statusCode() == 401) {
                problems.add("GITHUB_TOKEN: GitHub does not accept it (401); create a new token");
                return;
            }
            String header = user.headers().firstValue("x-oauth-scopes").orElse(null);
            if (header != null) {   // a classic token: its scopes are listed (fine-grained tokens have none)
                Set<String> scopes = Arrays.stream(header.split(",")).map(String::trim).collect(Collectors.toSet());
                boolean organizationKinds = kinds.stream().map(k -> SourceKind.of(k, settings.mappingFile()))
                        .anyMatch(k -> k.reads(io.copilotportsync.sync.Scope.Type.ORGANIZATION));
                boolean enterpriseKinds = !settings.githubEnterprise().isEmpty() && kinds.stream()
                        .map(k -> SourceKind.of(k, settings.mappingFile())).anyMatch(k -> k.reads(io.copilotportsync.sync.Scope.Type.ENTERPRISE));
                if (organizationKinds && !scopes.contains("read:org") && !scopes.contains("admin:org") && !scopes.contains("manage_billing:copilot")) {
                    problems.add("GITHUB_TOKEN: lacks a scope for the organization kinds (has: " + header + "); add read:org or manage_billing:copilot");
                }
                if (enterpriseKinds && !scopes.contains("read:enterprise") && !scopes.contains("admin:enterprise")
                        && !scopes.contains("manage_billing:copilot")) {
                    problems.add("GITHUB_TOKEN: lacks a scope for the enterprise kinds (has: " + header
                            + "); add read:enterprise or manage_billing:copilot");
                }
            }
            String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
            for (String org : settings.githubOrgs()) {
                int status = get("/orgs/" + org + "/copilot/metrics/reports/organization-1-day?day=" + day).statusCode();
                if (status == 422 || status == 403) {
                    problems.add("GITHUB_ORGS: organization '" + org + "' answers " + status + " for its usage reports; an owner enables "
                            + "the Copilot usage metrics policy (Settings > Copilot > Policies), or the token lacks access to it");
                } else if (status == 404) {
                    problems.add("GITHUB_ORGS: organization '" + org + "' is unknown to this token (404); check its login and the token's access");
                }
            }
        } catch (Exception e) {
            problems.add("GITHUB_API_URL: GitHub cannot be reached at " + settings.githubApiUrl() + " ("
                    + io.copilotportsync.http.Network.explain(e) + ")");
        }
    }

    private void port(List<String> problems) {
        try {
            new PortTokenCache(settings.routeProperties().get("port.api-url"), settings.portClientId(), settings.portClientSecret(),
                    Clock.systemUTC(), network).token();
        } catch (PortException e) {
            problems.add("PORT_CLIENT_ID/PORT_CLIENT_SECRET: " + e.getMessage());
        } catch (Exception e) {
            problems.add("PORT_API_URL: Port cannot be reached at " + settings.portApiUrl() + " ("
                    + io.copilotportsync.http.Network.explain(e) + ")");
        }
    }
}
