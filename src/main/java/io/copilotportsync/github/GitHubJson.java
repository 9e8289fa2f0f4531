package io.copilotportsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.NotJson;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** A GitHub API answer of 200 read as JSON; a page in its place fails the job naming the request (see {@link NotJson}). */
public final class GitHubJson {
    public JsonNode read(@Body String body, @ExchangeProperty(PropertyNames.REQUEST_PATH) String path,
                        @ExchangeProperty(PropertyNames.CONTENT_TYPE) String contentType) {
        JsonNode answer = NotJson.parse(body);
        if (answer == null) {
            throw new NotJsonException(NotJson.From.GITHUB.reason(200, contentType, body, "GET " + path)
                    + "; the job fails and is read again next run");
        }
        return answer;
    }

    /** An answer that should have been JSON and was not. */
    public static final class NotJsonException extends RuntimeException {
        NotJsonException(String message) {
            super(message);
        }
    }
}
