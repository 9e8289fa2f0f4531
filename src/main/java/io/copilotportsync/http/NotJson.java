package io.copilotportsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An answer of 200 where JSON was due and something else came: a proxy's sign-in page, a captive portal, an error
 * page. Said in the user's words (who answered, the content type, the request, where to look) instead of Jackson's
 * "Unexpected character ('<')".
 */
public final class NotJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotJson() {
    }

    /** Who answered, and the settings that route calls to it: where to look when a page stands in its place. */
    public enum From {
        GITHUB("GitHub", "GITHUB_API_URL, HTTPS_PROXY and NO_PROXY"),
        PORT("Port", "PORT_API_URL, HTTPS_PROXY and NO_PROXY");

        private final String who;
        private final String check;

        From(String who, String check) {
            this.who = who;
            this.check = check;
        }

        /** @param request what was asked, e.g. "GET /orgs/octo-org/copilot/billing" */
        public String reason(int status, String contentType, String body, String request) {
            String type = contentType == null || contentType.isBlank() ? "no content type" : contentType;
            return who + " answered " + status + " with " + type + (body == null || body.isBlank() ? " and an empty body" : "")
                    + " for " + request + ", not JSON: a proxy's or an error page stands in the way (check " + check + ")";
        }
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** The body as a JSON object (what Port answers), or null when it is anything else. */
    public static JsonNode object(String body) {
        JsonNode answer = parse(body);
        return answer != null && answer.isObject() ? answer : null;
    }
}
