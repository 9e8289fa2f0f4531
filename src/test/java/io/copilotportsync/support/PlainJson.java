package io.copilotportsync.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON values as plain Java for comparing what Port holds with what a test computed, whatever the number's form. */
public final class PlainJson {
    private PlainJson() {
    }

    /** A JSON value as plain Java, numbers as decimals without trailing zeros, so that 7, 7.0 and 7.00 are one value. */
    public static Object plain(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return v.asText();
    }

    /** The named properties of an entity Port holds, each of which Port must have got (null included). */
    public static Map<String, Object> properties(ObjectNode entity, List<String> names) {
        Map<String, Object> out = new TreeMap<>();
        names.forEach(n -> {
            assertTrue(entity.get("properties").has(n), "Port got " + n + " for " + entity.get("identifier"));
            out.put(n, plain(entity.get("properties").get(n)));
        });
        return out;
    }
}
