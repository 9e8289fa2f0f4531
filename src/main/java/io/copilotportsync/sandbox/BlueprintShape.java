package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** What Port refuses in a blueprint it is asked to create, as far as the stand-in checks: calculation properties. */
final class BlueprintShape {
    /** The types Port takes for a calculation property. */
    private static final Set<String> CALCULATION_TYPES = Set.of("string", "number", "boolean", "object", "array");

    private BlueprintShape() {
    }

    /** Port's message for the first problem of the blueprint, or null when it would be created. */
    static String problem(JsonNode blueprint) {
        JsonNode calculations = blueprint.path("calculationProperties");
        if (calculations.isMissingNode() || calculations.isNull()) {
            return null;
        }
        if (!calculations.isObject()) {
            return "calculationProperties must be an object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = calculations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode calculation = c.getValue().path("calculation");
            if (!calculation.isTextual() || calculation.asText().isBlank()) {
                return "calculation property '" + c.getKey() + "' must have a 'calculation' (a jq expression)";
            }
            if (!CALCULATION_TYPES.contains(c.getValue().path("type").asText(""))) {
                return "calculation property '" + c.getKey() + "' must have a 'type', one of " + CALCULATION_TYPES;
            }
        }
        return null;
    }
}
