package io.copilotportsync.github;

import io.copilotportsync.logging.SecretRedactor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Adds the headers every GitHub API call carries; the token lives here and nowhere in the routes. */
public final class GitHubRequest {
    private final String token;
    private final String apiVersion;

    public GitHubRequest(String token, String apiVersion) {
        this.token = token;
        this.apiVersion = apiVersion;
        SecretRedactor.register(token);
    }

    public void apply(Exchange exchange) {
        Message m = exchange.getMessage();
        m.setHeader(Exchange.HTTP_METHOD, "GET");
        m.setHeader("Accept", "application/vnd.github+json");
        m.setHeader("X-GitHub-Api-Version", apiVersion);
        m.setHeader("Authorization", "Bearer " + token);
    }
}
