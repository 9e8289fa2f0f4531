package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * A GitHub App's side of the GitHub stand-in: the App's endpoints and the installation tokens it issued. Only tests
 * act as an App host (src/test's GitHubAppHost); {@code --sandbox} syncs with a token, so nothing of it is here.
 */
public interface AppEndpoints {
    /** How the stand-in pages a list (GitHub's Link header). */
    interface Pages {
        void send(List<? extends JsonNode> items) throws IOException;
    }

    /** Whether the path is one of the App's own endpoints, which take the JWT. */
    boolean answers(String path);

    /** Answers a call of the App's own endpoints. */
    void handle(StandInServer.Request request, HttpExchange exchange, Pages pages) throws IOException;

    /**
     * Whether a credential other than the stand-in's token opens an endpoint other than the App's: 0 yes, 401 not a
     * live installation token, 403 a token that may not go there.
     */
    int installationTokenRefusal(String authorization, String path);
}
