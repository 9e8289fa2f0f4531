package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** Port's checks of an entity against its blueprint, as the Port stand-in makes them before it stores one. */
final class EntityShape {
    private static final Pattern IDENTIFIER = Pattern.compile("^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/=-]+$");

    private EntityShape() {
    }

    /** What is wrong with an entity for its blueprint (Port's identifier pattern, its properties and their types); null: nothing. */
    static String problem(ObjectNode blueprint, JsonNode entity, String identifier) {
        if (identifier.isEmpty() || identifier.length() > 1000 || !IDENTIFIER.matcher(identifier).matches()) {
            return "identifier '" + identifier + "' does not match Port's pattern";
        }
        JsonNode schema = blueprint.path("schema").path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = entity.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode declared = schema.get(p.getKey());
            if (declared == null) {
                return "property '" + p.getKey() + "' is not in blueprint " + blueprint.path("identifier").asText();
            }
            if (!p.getValue().isNull() && !typeMatches(declared.path("type").asText(), p.getValue())) {
                return "property '" + p.getKey() + "' should be " + declared.path("type").asText() + ", got " + p.getValue();
            }
        }
        return null;
    }

    private static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "string" -> value.isTextual();
            default -> true;
        };
    }
}
