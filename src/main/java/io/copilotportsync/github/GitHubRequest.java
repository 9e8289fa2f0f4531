package io.copilotportsync.github;

import io.copilotportsync.logging.SecretRedactor;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Adds the headers every GitHub API call carries; the token lives here and nowhere in the routes. A call to an
 * absolute URL (a {@code rel="next"} link) must stay on the API's own scheme, host and port, or the token would go
 * where GitHub did not send it.
 */
public final class GitHubRequest {
    /** A bound on {@code rel="next"} chains, so that a server that always answers "next" cannot loop a run forever. */
    public static final int MAX_PAGES = 10_000;

    private final URI api;
    private final String token;
    private final String apiVersion;

    public GitHubRequest(String apiUrl, String token, String apiVersion) {
        this.api = URI.create(apiUrl);
        this.token = token;
        this.apiVersion = apiVersion;
        SecretRedactor.register(token);
    }

    public void apply(Exchange exchange) {
        Message m = exchange.getMessage();
        String absolute = m.getHeader(Exchange.HTTP_URI, String.class);
        if (absolute != null) {
            URI uri = URI.create(absolute);
            if (!api.getScheme().equals(uri.getScheme()) || !api.getHost().equalsIgnoreCase(uri.getHost())
                    || api.getPort() != uri.getPort()) {
                throw new IllegalStateException("GitHub's next-page link points to " + uri.getScheme() + "://"
                        + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + ", not to GITHUB_API_URL; not followed");
            }
            exchange.setProperty("requestPath", uri.getRawPath());
        } else {
            exchange.setProperty("requestPath", m.getHeader(Exchange.HTTP_PATH, String.class));
        }
        int pages = exchange.getProperty("pages", 0, Integer.class) + 1;
        if (pages > MAX_PAGES) {
            throw new IllegalStateException("GitHub kept answering rel=\"next\" past " + MAX_PAGES + " pages; stopped");
        }
        exchange.setProperty("pages", pages);
        m.setHeader(Exchange.HTTP_METHOD, org.apache.camel.http.common.HttpMethods.GET);
        m.setHeader("Accept", "application/vnd.github+json");
        m.setHeader("X-GitHub-Api-Version", apiVersion);
        m.setHeader("Authorization", "Bearer " + token);
    }
}
