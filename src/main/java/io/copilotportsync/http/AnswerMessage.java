package io.copilotportsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code message} GitHub and Port put in an error answer's JSON, for the reason a log line or an error gives. */
public final class AnswerMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerMessage() {
    }

    /** ": the message" to append to a reason, or "" when the body is empty, not JSON, or has no textual message. */
    public static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? ": " + message.asText() : "";
        } catch (Exception e) {
            return "";
        }
    }
}
