package io.copilotportsync.port;

import java.util.List;

/**
 * One POST to Port: a bulk upsert of up to 20 entities of one blueprint (at most 1 MiB), or, to retry one entity
 * Port refused inside a bulk, a single-entity upsert. {@code ensureBlueprint}: create the blueprint first (Port
 * said it does not exist); {@code afterBlueprint}: that was done already, so another 404 is final.
 */
public record BulkRequest<E extends OutgoingEntity>(String blueprint, List<E> entities, String json, boolean single,
                          boolean ensureBlueprint, boolean afterBlueprint) {
    private static final String ENVELOPE_START = "{\"entities\":[";
    private static final String ENVELOPE_END = "]}";
    /** The bytes of a bulk body besides its entities. */
    static final int ENVELOPE_BYTES = ENVELOPE_START.length() + ENVELOPE_END.length();

    public static <E extends OutgoingEntity> BulkRequest<E> bulk(List<E> entities) {
        return new BulkRequest<>(entities.get(0).blueprint(), List.copyOf(entities), body(entities), false, false, false);
    }

    public static <E extends OutgoingEntity> BulkRequest<E> single(E entity) {
        return new BulkRequest<>(entity.blueprint(), List.of(entity), entity.json(), true, false, false);
    }

    public BulkRequest<E> withBlueprintFirst() {
        return new BulkRequest<>(blueprint, entities, json, single, true, true);
    }

    /**
     * Without the entities' JSON trees: the routes read this request's fields with Camel's simple language, whose
     * bean cache is keyed by the body, and the record's own hash would walk every entity of the request each time.
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(blueprint, entities.size(), json.length(), single, ensureBlueprint, afterBlueprint);
    }

    /** The Port API path of this request. */
    public String path() {
        return "/v1/blueprints/" + blueprint + (single ? "/entities" : "/entities/bulk");
    }

    private static String body(List<? extends OutgoingEntity> entities) {
        StringBuilder json = new StringBuilder(ENVELOPE_START);
        for (int i = 0; i < entities.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(entities.get(i).json());
        }
        return json.append(ENVELOPE_END).toString();
    }
}
