package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enterprise seat list names a user once per organization or team that grants the seat; Port gets one seat per
 * user. The grant used the most recently wins ({@code last_activity_at}, null counting as oldest); on a tie the
 * earliest {@code created_at}; so the result does not depend on the order GitHub lists grants in.
 */
public final class SeatChoice {
    private final Map<String, JsonNode> chosen = new LinkedHashMap<>();

    /** Offers one seat; false when it has no assignee login (it cannot be identified). */
    public synchronized boolean offer(JsonNode seat) {
        String login = seat.path("assignee").path("login").asText("");
        if (login.isEmpty()) {
            return false;
        }
        chosen.merge(login, seat, (kept, offered) -> better(offered, kept) ? offered : kept);
        return true;
    }

    public synchronized List<JsonNode> seats() {
        return new ArrayList<>(chosen.values());
    }

    static boolean better(JsonNode a, JsonNode b) {
        OffsetDateTime activityA = time(a.path("last_activity_at"));
        OffsetDateTime activityB = time(b.path("last_activity_at"));
        if (activityA != null || activityB != null) {
            if (activityB == null) {
                return true;
            }
            if (activityA == null) {
                return false;
            }
            int c = activityA.toInstant().compareTo(activityB.toInstant());
            if (c != 0) {
                return c > 0;
            }
        }
        OffsetDateTime createdA = time(a.path("created_at"));
        OffsetDateTime createdB = time(b.path("created_at"));
        if (createdA == null || createdB == null) {
            return createdA != null;
        }
        int c = createdA.toInstant().compareTo(createdB.toInstant());
        // a full tie keeps a stable, content-based order
        return c != 0 ? c < 0 : a.toString().compareTo(b.toString()) < 0;
    }

    private static OffsetDateTime time(JsonNode v) {
        if (!v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
