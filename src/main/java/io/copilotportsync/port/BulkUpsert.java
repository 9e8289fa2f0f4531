package io.copilotportsync.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.AnswerMessage;
import io.copilotportsync.http.NotJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;

/**
 * Builds Port bulk-upsert bodies within Port's limits and reads Port's answer entity by entity, telling each
 * entity's answer to {@link EntityAnswers}.
 */
public final class BulkUpsert<E extends OutgoingEntity> {
    public static final int MAX_ENTITIES = 20;
    public static final int MAX_BYTES = 1024 * 1024;

    private final EntityAnswers<E> acknowledgements;

    public BulkUpsert(EntityAnswers<E> acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    /** Splits a batch (all of one blueprint) into requests of at most 20 entities and 1 MiB each. */
    public List<BulkRequest<E>> requests(List<E> batch) {
        List<BulkRequest<E>> requests = new ArrayList<>();
        List<E> current = new ArrayList<>();
        int bytes = BulkRequest.ENVELOPE_BYTES;
        for (E e : batch) {
            if (BulkRequest.ENVELOPE_BYTES + e.bytes() > MAX_BYTES) {
                acknowledgements.rejected(e, "entity '" + e.entity().identifier() + "' of blueprint '" + e.blueprint() + "' is "
                        + e.bytes() + " bytes, over Port's 1 MiB request limit, and is not sent: map fewer or shorter"
                        + " properties for it (the kind's mapping in MAPPING_FILE)");
                continue;
            }
            int added = e.bytes() + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && (current.size() == MAX_ENTITIES || bytes + added > MAX_BYTES)) {
                requests.add(BulkRequest.bulk(current));
                current = new ArrayList<>();
                bytes = BulkRequest.ENVELOPE_BYTES;
                added = e.bytes();
            }
            current.add(e);
            bytes += added;
        }
        if (!current.isEmpty()) {
            requests.add(BulkRequest.bulk(current));
        }
        return requests;
    }

    /**
     * Reads Port's answer to a request and answers the requests that must follow it: a 207's refused entities
     * each once more on their own; a request refused as a whole (413, 422, 400, ...: see {@link #splits}) in two
     * halves, until the entity at fault is alone; after a 404 (blueprint missing) the same request once more, the
     * blueprint created first. What cannot be retried is counted as failed, with Port's reason.
     */
    public List<BulkRequest<E>> acknowledge(@ExchangeProperty(PropertyNames.BULK) BulkRequest<E> request, @ExchangeProperty(PropertyNames.STATUS) int status,
                                            @ExchangeProperty(PropertyNames.CONTENT_TYPE) String contentType, @Body String body) {
        List<BulkRequest<E>> followUps = new ArrayList<>();
        boolean taken = status == 200 || status == 201 || status == 207;
        JsonNode answer = taken ? NotJson.object(body) : null;
        if (taken && answer == null) {
            // whether Port took them is unknown: counted failed, so the next run sends them again (upserts are idempotent)
            String reason = NotJson.From.PORT.reason(status, contentType, body,
                    "the upsert of blueprint '" + request.blueprint() + "'");
            request.entities().forEach(e -> acknowledgements.rejected(e, reason));
            return followUps;
        }
        if (request.single()) {
            if (status == 200 || status == 201) {
                acknowledgements.acknowledged(request.entities());
            } else if (status == 404 && !request.afterBlueprint()) {
                followUps.add(request.withBlueprintFirst());
            } else {
                acknowledgements.rejected(request.entities().get(0), "Port refused entity '" + request.entities().get(0).entity().identifier()
                        + "' (" + status + ")" + AnswerMessage.of(body));
            }
            return followUps;
        }
        if (splits(status) && request.entities().size() > 1) {
            int half = request.entities().size() / 2;
            followUps.add(BulkRequest.bulk(request.entities().subList(0, half)));
            followUps.add(BulkRequest.bulk(request.entities().subList(half, request.entities().size())));
            return followUps;
        }
        if (status == 404 && !request.afterBlueprint()) {
            followUps.add(request.withBlueprintFirst());
            return followUps;
        }
        if (status != 200 && status != 207) {
            String reason = request.entities().size() == 1
                    ? "Port refused entity '" + request.entities().get(0).entity().identifier() + "' of blueprint '"
                    + request.blueprint() + "' (" + status + ")" + AnswerMessage.of(body)
                    : "Port answered " + status + " to the bulk upsert of blueprint '" + request.blueprint() + "'" + AnswerMessage.of(body);
            request.entities().forEach(e -> acknowledgements.rejected(e, reason));
            return followUps;
        }
        Set<Integer> failedIndexes = new HashSet<>();
        for (JsonNode error : answer.path("errors")) {
            int index = error.path("index").asInt(-1);
            if (index >= 0 && index < request.entities().size() && failedIndexes.add(index)) {
                followUps.add(BulkRequest.single(request.entities().get(index)));
            }
        }
        List<E> accepted = new ArrayList<>();
        for (int i = 0; i < request.entities().size(); i++) {
            if (!failedIndexes.contains(i)) {
                accepted.add(request.entities().get(i));
            }
        }
        acknowledgements.acknowledged(accepted);
        return followUps;
    }

    /**
     * Port refused the whole request for something one entity of it can cause: too large (413), or a body it will
     * not take (400, 422 and the other 4xx), so the others are sent without it. Not the answers about the
     * request itself: credentials (401), permission (403), a missing blueprint (404), rate limits (429).
     */
    static boolean splits(int status) {
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 404 && status != 429;
    }

    /** The request failed as a whole before Port answered (unreachable, timed out): every entity of it failed. */
    @SuppressWarnings("unchecked")
    public void requestFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e, @ExchangeProperty(PropertyNames.BULK) BulkRequest<E> request,
                              @Body Object body) {
        String reason = "bulk upsert to Port failed: " + (e == null ? "unknown error" : e.getMessage());
        List<E> entities = request != null ? request.entities() : body instanceof List<?> list ? (List<E>) list : List.of();
        entities.forEach(entity -> acknowledgements.rejected(entity, reason));
    }
}
