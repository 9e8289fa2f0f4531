package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.jq.JqDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.thisptr.jackson.jq.JsonQuery;

/**
 * {@code validate}: every problem of a mapping file and its blueprints at once, each naming file, kind and field.
 * Expressions must compile; the blueprint each resource writes to must be a file under blueprints/; each mapped
 * property must be declared there, and give a value of the declared type (and format) on GitHub's sample rows of
 * its kind (shipped under samples/); each relation must be declared and name its target blueprint.
 */
public final class MappingValidator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("string", "number", "boolean", "array", "object");

    private final Path mappingFile;
    private final JqDialect jq;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, JsonNode> blueprints = new LinkedHashMap<>();
    private final Map<String, Path> blueprintFiles = new LinkedHashMap<>();

    public MappingValidator(Path mappingFile, JqDialect jq) {
        this.mappingFile = mappingFile;
        this.jq = jq;
    }

    /** Every problem found; empty when the mapping and blueprints are sound. */
    public List<String> validate(Set<String> knownKinds) {
        readBlueprints(mappingFile.toAbsolutePath().getParent().resolve("blueprints"));
        MappingDefinition definition;
        try {
            definition = MappingDefinition.read(mappingFile);
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return problems;
        }
        for (MappingDefinition.Resource r : definition.resources()) {
            if (!knownKinds.contains(r.kind())) {
                problems.add(mappingFile + ": " + r.describe() + ": kind is unknown; known kinds: " + String.join(", ", knownKinds));
                continue;
            }
            resource(r);
        }
        return problems;
    }

    private void readBlueprints(Path dir) {
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": no blueprints directory beside the mapping file");
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode bp = JSON.readTree(file.toFile());
                    String id = bp.path("identifier").asText("");
                    if (id.isEmpty()) {
                        problems.add(file + ": blueprint has no identifier");
                        continue;
                    }
                    blueprints.put(id, bp);
                    blueprintFiles.put(id, file);
                } catch (IOException e) {
                    problems.add(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
        }
        blueprints.forEach((id, bp) -> {
            Path file = blueprintFiles.get(id);
            for (Iterator<Map.Entry<String, JsonNode>> it = bp.path("schema").path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String type = p.getValue().path("type").asText("");
                if (!TYPES.contains(type)) {
                    problems.add(file + ": property '" + p.getKey() + "': type '" + type + "' is not one of " + TYPES);
                }
            }
            // a target without a file here is a catalog blueprint (Port's GitHub integration's): CatalogRelations
            // leaves the relation out where Port lacks it, and validate lists it (CatalogNotes)
            for (Iterator<Map.Entry<String, JsonNode>> it = bp.path("relations").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> rel = it.next();
                if (rel.getValue().path("target").asText("").isBlank()) {
                    problems.add(file + ": relation '" + rel.getKey() + "' has no 'target' blueprint");
                }
            }
        });
    }

    private void resource(MappingDefinition.Resource r) {
        String where = mappingFile + ": " + r.describe();
        Map<String, JsonQuery> compiled = new LinkedHashMap<>();
        Map<String, String> expressions = new LinkedHashMap<>(r.fields());
        expressions.put("selector.query", r.selectorQuery());
        if (r.itemsToParse() != null) {
            expressions.put("port.itemsToParse", r.itemsToParse());
        }
        expressions.forEach((field, expression) -> {
            try {
                compiled.put(field, jq.compile(expression));
            } catch (Exception e) {
                problems.add(where + ", field '" + field + "': jq expression does not compile: " + expression + " (" + e.getMessage() + ")");
            }
        });
        List<JsonNode> samples = samples(r);
        Set<String> targets = new LinkedHashSet<>();
        JsonQuery blueprint = compiled.get("blueprint");
        if (blueprint != null) {
            for (JsonNode sample : samples.isEmpty() ? List.of(JSON.nullNode()) : samples) {
                JsonNode out = first(blueprint, sample);
                if (out != null && out.isTextual()) {
                    targets.add(out.textValue());
                }
            }
            if (targets.isEmpty()) {
                problems.add(where + ", field 'blueprint': gives no blueprint identifier on the sample rows");
            }
        }
        for (String target : targets) {
            JsonNode bp = blueprints.get(target);
            if (bp == null) {
                problems.add(where + ", field 'blueprint': blueprint '" + target + "' has no file in "
                        + mappingFile.toAbsolutePath().getParent().resolve("blueprints"));
                continue;
            }
            compiled.forEach((field, query) -> {
                if (field.startsWith("properties.")) {
                    property(where, field, query, bp, target, samples);
                } else if (field.startsWith("relations.")) {
                    String name = field.substring("relations.".length());
                    if (!bp.path("relations").has(name)) {
                        problems.add(where + ", field '" + field + "': relation '" + name + "' is not declared in blueprint '" + target + "'");
                    }
                }
            });
        }
    }

    private void property(String where, String field, JsonQuery query, JsonNode bp, String target, List<JsonNode> samples) {
        String name = field.substring("properties.".length());
        JsonNode declared = bp.path("schema").path("properties").get(name);
        if (declared == null) {
            problems.add(where + ", field '" + field + "': property '" + name + "' is not in blueprint '" + target + "'");
            return;
        }
        String type = declared.path("type").asText();
        String format = declared.path("format").asText("");
        for (JsonNode sample : samples) {
            JsonNode value = first(query, sample);
            if (value == null || value.isNull()) {
                continue;
            }
            String actual = type(value);
            if (!actual.equals(type)) {
                problems.add(where + ", field '" + field + "': gives " + actual + " on GitHub's sample rows, blueprint '" + target
                        + "' declares " + type);
                return;
            }
            if (format.equals("date-time") && !dateTime(value.textValue())) {
                problems.add(where + ", field '" + field + "': gives '" + value.textValue() + "', not an ISO 8601 date-time, for a "
                        + "date-time property of blueprint '" + target + "'");
                return;
            }
        }
    }

    private JsonNode first(JsonQuery query, JsonNode sample) {
        try {
            List<JsonNode> out = jq.apply(query, sample);
            return out.isEmpty() ? null : out.get(0);
        } catch (Exception e) {
            return null;
        }
    }

    private static String type(JsonNode v) {
        return v.isNumber() ? "number" : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isObject() ? "object" : "string";
    }

    private static boolean dateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** GitHub's sample rows of the resource's kind (with their context), expanded by itemsToParse if any. */
    private List<JsonNode> samples(MappingDefinition.Resource r) {
        return shippedSamples(r.kind());
    }

    /** GitHub's sample rows of a kind, with their context, as shipped in the jar under samples/; none for a kind without. */
    public static List<JsonNode> shippedSamples(String kind) {
        List<JsonNode> samples = new ArrayList<>();
        try (InputStream in = MappingValidator.class.getResourceAsStream("/samples/" + kind + ".json")) {
            if (in != null) {
                JSON.readTree(in).forEach(samples::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the samples shipped in the jar cannot be read", e);
        }
        return samples;
    }
}
