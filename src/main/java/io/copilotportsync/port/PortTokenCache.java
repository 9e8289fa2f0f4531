package io.copilotportsync.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.logging.SecretRedactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.copilotportsync.http.RetryTimings;
import org.apache.camel.Exchange;

/**
 * Port's access token: fetched from /v1/auth/access_token, kept until shortly before it expires, set on each call.
 * The request is retried under the timings of every Port call (429 and 5xx as Retry-After says, up to RETRY_MAX_WAIT,
 * else backoff; network errors back off; {@link io.copilotportsync.http.RetriedRequest}), so a Port that is busy for
 * a moment at a run's start does not fail it.
 */
public final class PortTokenCache {
    /** Refresh this long before Port's expiry so that a long bulk request never starts with a dying token. */
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final String portApiUrl;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final HttpClient client;
    private final RetryTimings timings;
    private String token;
    private Instant refreshAt = Instant.MIN;

    /** @param network the proxy and trusted CAs the token request goes with, as every Port call */
    public PortTokenCache(String portApiUrl, String clientId, String clientSecret, Clock clock, io.copilotportsync.http.Network network) {
        this(portApiUrl, clientId, clientSecret, clock, network, RetryTimings.DEFAULT);
    }

    /** @param timings how often and how long the token request is tried again */
    public PortTokenCache(String portApiUrl, String clientId, String clientSecret, Clock clock, io.copilotportsync.http.Network network,
                          RetryTimings timings) {
        this.timings = timings;
        this.client = network.httpClient().connectTimeout(Duration.ofSeconds(10)).build();
        this.tokenUrl = URI.create(portApiUrl + "/v1/auth/access_token");
        this.portApiUrl = portApiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        SecretRedactor.register(clientSecret);
    }

    /** Sets {@code Authorization: Bearer <token>} on the message. */
    public void apply(Exchange exchange) throws IOException, InterruptedException {
        exchange.getMessage().setHeader("Authorization", "Bearer " + token());
    }

    /**
     * Takes the run's first token at its start, outside any split: a refused connection or refused credentials then
     * fail the run as they are, not in Camel's words ("Multicast processing failed for number 0. Exchange[...]").
     */
    public void check() throws IOException, InterruptedException {
        token();
    }

    public synchronized String token() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("clientId", clientId).put("clientSecret", clientSecret).toString();
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 422) {
            throw new PortException("Port refused the credentials (" + response.statusCode() + " from " + tokenUrl
                    + "): check PORT_CLIENT_ID and PORT_CLIENT_SECRET (Port: Settings > Credentials)");
        }
        if (response.statusCode() != 200) {
            throw new PortException("Port answered " + response.statusCode() + " for an access token at " + tokenUrl);
        }
        JsonNode answer = io.copilotportsync.http.NotJson.parse(response.body());
        if (answer == null) {
            throw new PortException(io.copilotportsync.http.NotJson.From.PORT.reason(200,
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), "an access token at " + tokenUrl));
        }
        String accessToken = answer.path("accessToken").asText(null);
        if (accessToken == null || accessToken.isEmpty()) {
            throw new PortException("Port's token answer from " + tokenUrl + " holds no accessToken");
        }
        SecretRedactor.register(accessToken);
        long expiresIn = answer.path("expiresIn").asLong(3 * 3600);
        token = accessToken;
        refreshAt = clock.instant().plusSeconds(expiresIn).minus(MARGIN);
    }

    /**
     * The token request, tried again like every Port call ({@link io.copilotportsync.http.RetriedRequest}); the last
     * answer is returned, the last network error thrown in Port's words.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return io.copilotportsync.http.RetriedRequest.send(client, () -> request, timings, "Port", "an access token", why -> { });
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            // the JDK client's ConnectException says nothing (its message is null), and this is the run's first call to Port
            java.net.ConnectException refused = new java.net.ConnectException("Port (" + portApiUrl + ") "
                    + (e instanceof java.net.ConnectException ? "refused the connection" : "did not take the connection within 10 s")
                    + " for an access token: check PORT_API_URL, and that Port is reachable from this host (HTTPS_PROXY, NO_PROXY)");
            refused.initCause(e);
            throw refused;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            // the first call of a run: where a missing company CA shows first, so say the fix here
            throw new javax.net.ssl.SSLHandshakeException("Port's token request to " + tokenUrl + " failed: "
                    + io.copilotportsync.http.Network.explain(e));
        } catch (IOException e) {
            throw new IOException("Port's token request to " + tokenUrl + " failed: " + e.getMessage(), e);
        }
    }
}
