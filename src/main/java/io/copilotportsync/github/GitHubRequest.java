package io.copilotportsync.github;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.ScopeBreaker;
import io.copilotportsync.logging.SecretRedactor;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Adds the headers every GitHub API call carries; the token lives here and nowhere in the routes. A call to an
 * absolute URL (a {@code rel="next"} link) must stay on the API's own scheme, host and port, or the token would go
 * where GitHub did not send it. With a GitHub App, the /app endpoints get the App's JWT and an organization's job
 * its installation token; enterprise endpoints refuse App tokens, so they keep GITHUB_TOKEN.
 */
public final class GitHubRequest {
    /** A bound on {@code rel="next"} chains, so that a server that always answers "next" cannot loop a run forever. */
    public static final int MAX_PAGES = 10_000;
    /** Exchange properties: the organization whose installation token a call carries, and whether it was renewed. */

    private final URI api;
    private final String token;
    private final String apiVersion;
    private final InstallationTokens app;

    /** @param app the GitHub App's tokens, or null without an App */
    public GitHubRequest(String apiUrl, String token, String apiVersion, InstallationTokens app) {
        this.api = URI.create(apiUrl);
        this.token = token;
        this.apiVersion = apiVersion;
        this.app = app;
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
            exchange.setProperty(PropertyNames.REQUEST_PATH, uri.getRawPath());
        } else {
            exchange.setProperty(PropertyNames.REQUEST_PATH, m.getHeader(Exchange.HTTP_PATH, String.class));
        }
        int pages = exchange.getProperty(PropertyNames.PAGES, 0, Integer.class) + 1;
        if (pages > MAX_PAGES) {
            throw new IllegalStateException("GitHub kept answering rel=\"next\" past " + MAX_PAGES + " pages; stopped");
        }
        exchange.setProperty(PropertyNames.PAGES, pages);
        m.setHeader(Exchange.HTTP_METHOD, org.apache.camel.http.common.HttpMethods.GET);
        m.setHeader("Accept", "application/vnd.github+json");
        m.setHeader("X-GitHub-Api-Version", apiVersion);
        m.setHeader("Authorization", "Bearer " + credential(exchange));
    }

    /**
     * GitHub refused the call with 401: an installation token is renewed and the call goes again, once
     * ({@link io.copilotportsync.http.CallRetry}); a refusal of anything else stands.
     */
    public void unauthorized(Exchange exchange) {
        String organization = exchange.getProperty(PropertyNames.INSTALLATION_TOKEN_OF, String.class);
        if (organization != null && !exchange.getProperty(PropertyNames.INSTALLATION_TOKEN_RENEWED, false, Boolean.class)) {
            app.renew(organization);
            exchange.setProperty(PropertyNames.INSTALLATION_TOKEN_RENEWED, true);
            throw io.copilotportsync.http.CallRetry.after(exchange, java.time.Duration.ZERO,
                    "GitHub refused the installation token of '" + organization + "'; renewed");
        }
    }

    private String credential(Exchange exchange) {
        exchange.removeProperty(PropertyNames.INSTALLATION_TOKEN_OF);
        if (app == null) {
            return token;
        }
        String path = exchange.getProperty(PropertyNames.REQUEST_PATH, "", String.class);
        if (path.equals("/app") || path.startsWith("/app/")) {
            return app.jwt();
        }
        if (exchange.getProperty(PropertyNames.JOB) instanceof ScopedJob job && job.scope().type() == Scope.Type.ORGANIZATION) {
            exchange.setProperty(PropertyNames.INSTALLATION_TOKEN_OF, job.scope().name());
            // the App's token calls are GitHub calls of the scope: when they keep failing, the breaker skips the scope
            try {
                return app.token(job.scope().name(), why -> ScopeBreaker.attempted(exchange, why));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("GitHub App installation token for '" + job.scope().name() + "': " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching a GitHub App installation token", e);
            }
        }
        return token;
    }
}
