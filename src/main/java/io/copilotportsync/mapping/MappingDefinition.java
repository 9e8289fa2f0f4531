package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.copilotportsync.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping file as Port's integrations write it (port-app-config.yaml), read into plain values:
 * resources of kind, selector query, itemsToParse and the entity field expressions. Nothing is compiled here.
 */
public record MappingDefinition(Path file, double entityDeletionThreshold, List<Resource> resources,
                                boolean createMissingRelatedEntities, boolean createPages) {

    /** One {@code resources[]} entry; field expressions keyed by their path in the file, e.g. {@code properties.foo}. */
    public record Resource(int index, String kind, String selectorQuery, String itemsToParse, String itemsToParseName,
                           Map<String, String> fields) {
        public String describe() {
            return "kind '" + kind + "' (resources[" + index + "])";
        }
    }

    public static MappingDefinition read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigurationException(file + ": mapping file not found (MAPPING_FILE)");
        } catch (IOException e) {
            throw new ConfigurationException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.path("resources").isArray()) {
            throw new ConfigurationException(file + ": no 'resources' list; see mappings/port-app-config.yaml for the format");
        }
        List<Resource> resources = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.path("resources")) {
            resources.add(resource(file, i++, r));
        }
        // both default to true: see README, In Port
        return new MappingDefinition(file, root.path("entityDeletionThreshold").asDouble(0), List.copyOf(resources),
                root.path("createMissingRelatedEntities").asBoolean(true), root.path("createPages").asBoolean(true));
    }

    private static Resource resource(Path file, int index, JsonNode r) {
        String kind = r.path("kind").asText("");
        String where = file + ": resources[" + index + "]";
        if (kind.isBlank()) {
            throw new ConfigurationException(where + ": 'kind' is missing");
        }
        JsonNode port = r.path("port");
        JsonNode mappings = port.path("entity").path("mappings");
        if (!mappings.isObject()) {
            throw new ConfigurationException(where + " (kind '" + kind + "'): 'port.entity.mappings' is missing");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : List.of("identifier", "title", "blueprint", "team", "icon")) {
            JsonNode v = mappings.get(field);
            if (v != null && !v.isNull()) {
                fields.put(field, expression(where, kind, field, v));
            }
        }
        for (String group : List.of("properties", "relations")) {
            JsonNode g = mappings.path(group);
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(group + "." + e.getKey(), expression(where, kind, group + "." + e.getKey(), e.getValue()));
            }
        }
        for (String required : List.of("identifier", "blueprint")) {
            if (!fields.containsKey(required)) {
                throw new ConfigurationException(where + " (kind '" + kind + "'): field '" + required + "' is missing");
            }
        }
        JsonNode query = r.path("selector").path("query");
        String selector = query.isMissingNode() || query.isNull() ? "true" : expression(where, kind, "selector.query", query);
        String items = port.hasNonNull("itemsToParse") ? port.get("itemsToParse").asText() : null;
        String itemName = port.path("itemsToParseName").asText("item");
        return new Resource(index, kind, selector, items, itemName, fields);
    }

    private static String expression(String where, String kind, String field, JsonNode value) {
        // YAML turns `query: true` into a boolean and `x: 5` into a number: jq reads their text the same way.
        if (value.isTextual() || value.isBoolean() || value.isNumber()) {
            return value.asText();
        }
        throw new ConfigurationException(where + " (kind '" + kind + "'), field '" + field
                + "': expected a jq expression as a string, got " + value.getNodeType().name().toLowerCase());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
