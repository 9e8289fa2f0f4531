package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Port stand-in's entities: what it holds per blueprint, and how it takes entities as Port does (each checked
 * against its blueprint and its relations' targets, a merge keeping the properties not sent, a bulk answered with
 * {@code entities} and {@code errors} by index).
 */
final class PortEntities {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, ObjectNode>> byBlueprint = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> blueprints;

    /** @param blueprints the stand-in's blueprints, live: relation targets are looked up in them */
    PortEntities(Map<String, ObjectNode> blueprints) {
        this.blueprints = blueprints;
    }

    /** Blueprint → identifier → entity, a copy. */
    Map<String, Map<String, ObjectNode>> holdings() {
        Map<String, Map<String, ObjectNode>> copy = new TreeMap<>();
        byBlueprint.forEach((bp, byId) -> copy.put(bp, new TreeMap<>(byId)));
        return copy;
    }

    /** An entity held before the sync starts, as it is. */
    void existing(String blueprint, ObjectNode entity) {
        of(blueprint).put(entity.path("identifier").asText(), entity);
    }

    /** What Port says of an entity it will not take, or null. */
    String problem(ObjectNode blueprint, JsonNode entity, String identifier, boolean createMissingRelated) {
        String problem = EntityShape.problem(blueprint, entity, identifier);
        return problem != null ? problem : PortRelations.check(blueprint, entity, blueprints, byBlueprint, createMissingRelated);
    }

    /**
     * Takes the entities of a bulk request that pass, answers Port's bulk answer: the taken ones under {@code entities},
     * the others under {@code errors}, each with its index.
     *
     * @param refused whether the test has Port refuse an identifier for the moment
     */
    ObjectNode upsert(String blueprintId, ObjectNode blueprint, JsonNode list, boolean merge, boolean createMissingRelated,
                      java.util.function.Predicate<String> refused) {
        ArrayNode accepted = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entity = list.get(i);
            String identifier = entity.path("identifier").asText("");
            String problem = refused.test(identifier) ? "temporarily unavailable" : problem(blueprint, entity, identifier, createMissingRelated);
            if (problem != null) {
                errors.add(JSON.createObjectNode().put("identifier", identifier).put("index", i).put("statusCode", 422)
                        .put("error", "invalid_request").put("message", problem));
                continue;
            }
            boolean created = store(blueprintId, identifier, (ObjectNode) entity, merge);
            accepted.add(JSON.createObjectNode().put("identifier", identifier).put("index", i).put("created", created));
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", errors.isEmpty());
        answer.set("entities", accepted);
        answer.set("errors", errors);
        return answer;
    }

    /** Stores one entity as Port shows it; answers whether it is new. */
    boolean store(String blueprintId, String identifier, ObjectNode entity, boolean merge) {
        Map<String, ObjectNode> byId = of(blueprintId);
        ObjectNode stored = JSON.createObjectNode();
        stored.put("identifier", identifier);
        stored.set("title", entity.path("title").isMissingNode() ? null : entity.get("title"));
        // the entity was parsed from this request alone: its trees are kept, not copied
        stored.set("properties", entity.path("properties").isObject() ? entity.get("properties") : JSON.createObjectNode());
        stored.set("relations", entity.path("relations").isObject() ? entity.get("relations") : JSON.createObjectNode());
        synchronized (byId) {
            ObjectNode previous = byId.get(identifier);
            if (previous != null && merge) {
                ObjectNode properties = previous.get("properties").deepCopy();
                properties.setAll((ObjectNode) stored.get("properties"));
                stored.set("properties", properties);
            }
            return byId.put(identifier, stored) == null;
        }
    }

    void delete(String blueprintId, JsonNode identifiers) {
        Map<String, ObjectNode> byId = byBlueprint.get(blueprintId);
        if (byId != null) {
            identifiers.forEach(id -> byId.remove(id.asText()));
        }
    }

    private Map<String, ObjectNode> of(String blueprintId) {
        return byBlueprint.computeIfAbsent(blueprintId, k -> new ConcurrentHashMap<>());
    }
}
