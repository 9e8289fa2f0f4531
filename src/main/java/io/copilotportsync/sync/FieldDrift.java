package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.mapping.MappingFields;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of one run's raw items that their kind's mapping does not use, collected as records go by and logged
 * once a kind at the end of the run. Looking costs a set lookup per field name; a name already noted is not
 * noted again.
 */
final class FieldDrift {
    private final MappingFields fields;
    private final Set<String> ignored;
    private final Map<String, Set<String>> unused = new ConcurrentHashMap<>();

    /** @param ignored kinds whose items the sync makes itself (the team aggregates): nothing GitHub sent to name */
    FieldDrift(MappingFields fields, Set<String> ignored) {
        this.fields = fields;
        this.ignored = ignored;
    }

    void observe(String kind, JsonNode item) {
        if (item == null || !item.isObject() || ignored.contains(kind)) {
            return;
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.startsWith("__") && !fields.mentions(kind, name)) {
                unused.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(name);
            }
        }
    }

    /** Kind → its unused fields, sorted. */
    Map<String, Set<String>> unused() {
        Map<String, Set<String>> sorted = new TreeMap<>();
        unused.forEach((kind, names) -> sorted.put(kind, new TreeSet<>(names)));
        return sorted;
    }
}
