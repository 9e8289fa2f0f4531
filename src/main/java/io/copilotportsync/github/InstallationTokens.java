package io.copilotportsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.GitHubAppSettings;
import io.copilotportsync.http.AnswerMessage;
import io.copilotportsync.http.RetryTimings;
import io.copilotportsync.logging.SecretRedactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub App's installation tokens, one per installation (so one per organization): the installation of an
 * organization is found with {@code GET /orgs/{org}/installation} unless GITHUB_APP_INSTALLATION_ID names it, and
 * its token comes from {@code POST /app/installations/{id}/access_tokens}, both with the App's JWT. A token is kept
 * until less than five minutes of it remain, so that no call starts with a dying one.
 */
public final class InstallationTokens {
    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);
    /** GitHub's tokens live an hour; one is renewed when less than this is left. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, Instant expires) {
    }

    private final String api;
    private final String apiVersion;
    private final String appId;
    private final Long configuredInstallation;
    private final AppJwt jwt;
    private final Clock clock;
    private final RetryTimings timings;
    private final HttpClient http;
    private final Map<String, Long> installations = new ConcurrentHashMap<>();
    private final Map<Long, Token> tokens = new ConcurrentHashMap<>();

    /** @param network the proxy and CAs GitHub is reached through */
    public InstallationTokens(String apiUrl, String apiVersion, GitHubAppSettings app, Clock clock, RetryTimings timings,
                              io.copilotportsync.http.Network network) {
        this.http = network.httpClient().connectTimeout(Duration.ofSeconds(10)).build();
        this.api = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.apiVersion = apiVersion;
        this.appId = app.appId();
        this.configuredInstallation = app.installationId();
        this.jwt = new AppJwt(app.appId(), app.privateKey(), clock);
        this.clock = clock;
        this.timings = timings;
    }

    /** The App's own JWT, for the /app endpoints. */
    public String jwt() {
        return jwt.current();
    }

    /** The installation token for an organization, fetched or renewed when less than five minutes of it are left. */
    public String token(String organization) throws IOException, InterruptedException {
        return token(organization, why -> { });
    }

    /**
     * The same, telling {@code failedAttempt} of each attempt that failed with no answer, a 5xx or a 429 (the sync's
     * scope breaker counts them like any GitHub call's; it may end the retries by throwing).
     */
    public String token(String organization, java.util.function.Consumer<String> failedAttempt) throws IOException, InterruptedException {
        long installation = installationOf(organization, failedAttempt);
        synchronized (this) {
            Token token = tokens.get(installation);
            if (token == null || !clock.instant().isBefore(token.expires().minus(REFRESH_MARGIN))) {
                token = fetch(installation, failedAttempt);
                tokens.put(installation, token);
            }
            return token.value();
        }
    }

    /** GitHub refused the organization's token (401): the next {@link #token} fetches a new one. */
    public void renew(String organization) {
        Long installation = configuredInstallation != null ? configuredInstallation : installations.get(organization);
        if (installation != null) {
            tokens.remove(installation);
        }
    }

    /** The installation of the App on an organization: GITHUB_APP_INSTALLATION_ID, or GitHub's answer (kept). */
    public long installationOf(String organization) throws IOException, InterruptedException {
        return installationOf(organization, why -> { });
    }

    private long installationOf(String organization, java.util.function.Consumer<String> failedAttempt) throws IOException, InterruptedException {
        if (configuredInstallation != null) {
            return configuredInstallation;
        }
        Long known = installations.get(organization);
        if (known != null) {
            return known;
        }
        HttpResponse<String> answer = send("GET", "/orgs/" + organization + "/installation", failedAttempt);
        if (answer.statusCode() == 404) {
            throw new GitHubAppException("the GitHub App " + appId + " is not installed on organization '" + organization
                    + "': install it there (the App's page on GitHub > Install App), or leave the organization out of GITHUB_ORGS");
        }
        JsonNode body = expect(answer, 200, "GET /orgs/" + organization + "/installation");
        long id = body.path("id").asLong(0);
        if (id <= 0) {
            throw new GitHubAppException("GitHub's answer for the App's installation on '" + organization + "' holds no id");
        }
        installations.put(organization, id);
        return id;
    }

    private Token fetch(long installation, java.util.function.Consumer<String> failedAttempt) throws IOException, InterruptedException {
        String path = "/app/installations/" + installation + "/access_tokens";
        HttpResponse<String> answer = send("POST", path, failedAttempt);
        if (answer.statusCode() == 404) {
            installations.values().removeIf(id -> id == installation);
            throw new GitHubAppException("installation " + installation + " of the GitHub App " + appId + " does not exist"
                    + (configuredInstallation != null ? ": check GITHUB_APP_INSTALLATION_ID" : " (any more): install the App again"));
        }
        JsonNode body = expect(answer, 201, "POST " + path);
        String token = body.path("token").asText("");
        if (token.isEmpty()) {
            throw new GitHubAppException("GitHub's answer to POST " + path + " holds no token");
        }
        SecretRedactor.register(token);
        Instant expires;
        try {
            expires = Instant.parse(body.path("expires_at").asText(""));
        } catch (DateTimeParseException e) {
            expires = clock.instant().plus(Duration.ofHours(1));
        }
        LOG.debug("Installation token for installation {} fetched, expires {}", installation, expires);
        return new Token(token, expires);
    }

    private JsonNode expect(HttpResponse<String> answer, int status, String what) throws IOException {
        int got = answer.statusCode();
        if (got == 401) {
            throw new GitHubAppException("GitHub refused the GitHub App's JWT (401 for " + what + AnswerMessage.of(answer.body())
                    + "): check GITHUB_APP_ID (" + appId + ") and that the private key is a current key of that App");
        }
        if (got == 403) {
            throw new GitHubAppException("GitHub answered 403 for " + what + AnswerMessage.of(answer.body())
                    + "; the App's installation may be suspended, or the App lacks the permission");
        }
        if (got != status) {
            throw new GitHubAppException("GitHub answered " + got + " for " + what + AnswerMessage.of(answer.body()));
        }
        return JSON.readTree(answer.body());
    }

    /**
     * One call with the JWT; network errors, 429 and 5xx are tried again as for any GitHub call
     * ({@link io.copilotportsync.http.RetriedRequest}).
     */
    private HttpResponse<String> send(String method, String path, java.util.function.Consumer<String> failedAttempt)
            throws IOException, InterruptedException {
        return io.copilotportsync.http.RetriedRequest.send(http, () -> HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", apiVersion)
                        .header("Authorization", "Bearer " + jwt.current())
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                timings, "GitHub", "the GitHub App's " + method + " " + path, failedAttempt);
    }
}
