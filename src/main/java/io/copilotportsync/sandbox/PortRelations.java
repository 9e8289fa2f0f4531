package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port's checks of an entity's relations: each must be declared by the entity's blueprint, and each target entity
 * must exist in the relation's target blueprint, unless the write says create_missing_related_entities=true, when
 * Port creates the missing target as a bare entity (Port's API docs, "Create missing related entities": default false).
 */
final class PortRelations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PortRelations() {
    }

    /** A blueprint to create whose relation targets a blueprint Port does not have is refused. */
    static String blueprintProblem(JsonNode blueprint, Map<String, ObjectNode> blueprints) {
        for (Iterator<Map.Entry<String, JsonNode>> it = blueprint.path("relations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            String target = r.getValue().path("target").asText("");
            if (!blueprints.containsKey(target) && !target.equals(blueprint.path("identifier").asText())) {
                return "relation '" + r.getKey() + "' targets blueprint '" + target + "', which does not exist";
            }
        }
        return null;
    }

    /** The first problem of the entity's relations, or null; when null and creating, the missing targets now exist. */
    static String check(ObjectNode blueprint, JsonNode entity, Map<String, ObjectNode> blueprints,
                        Map<String, Map<String, ObjectNode>> entities, boolean createMissing) {
        List<String[]> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entity.path("relations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getValue().isNull()) {
                continue;
            }
            JsonNode declared = blueprint.path("relations").get(r.getKey());
            if (declared == null) {
                return "relation '" + r.getKey() + "' is not in blueprint " + blueprint.path("identifier").asText();
            }
            String target = declared.path("target").asText();
            if (!blueprints.containsKey(target)) {
                return "relation '" + r.getKey() + "' targets blueprint '" + target + "', which does not exist";
            }
            List<JsonNode> values = new ArrayList<>();
            if (r.getValue().isArray()) {
                r.getValue().forEach(values::add);
            } else {
                values.add(r.getValue());
            }
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    return "relation '" + r.getKey() + "' should be an identifier, got " + value;
                }
                if (!entities.getOrDefault(target, Map.of()).containsKey(value.asText())) {
                    missing.add(new String[] {target, value.asText(), r.getKey()});
                }
            }
        }
        if (!missing.isEmpty() && !createMissing) {
            String[] m = missing.get(0);
            return "related entity '" + m[1] + "' of blueprint '" + m[0] + "' (relation '" + m[2] + "') does not exist"
                    + " (create_missing_related_entities=true would create it)";
        }
        for (String[] m : missing) {
            ObjectNode bare = JSON.createObjectNode().put("identifier", m[1]);
            bare.putNull("title");
            bare.set("properties", JSON.createObjectNode());
            bare.set("relations", JSON.createObjectNode());
            entities.computeIfAbsent(m[0], k -> new ConcurrentHashMap<>()).putIfAbsent(m[1], bare);
        }
        return null;
    }
}
