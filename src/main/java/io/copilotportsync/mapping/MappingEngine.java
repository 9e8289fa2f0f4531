package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.jq.JqDialect;
import io.copilotportsync.jq.JqJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port's mapping semantics over raw items: every jq expression compiled once at start-up; per item, the resources
 * of its kind select, expand {@code itemsToParse}, and evaluate each field, keeping only the first output.
 */
public final class MappingEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MappingEngine.class);
    /** Port's identifier rule, checked here so that a bad identifier is dropped with its reason, not a failed bulk. */
    private static final Pattern IDENTIFIER = Pattern.compile("^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/=-]+$");
    private static final int IDENTIFIER_MAX = 1000;

    private final MappingDefinition definition;
    private final JqDialect jq;
    private final Map<String, List<CompiledResource>> byKind = new LinkedHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** (blueprint, relation): sent or left out; the sync leaves out relations Port's blueprint lacks (CatalogRelations). */
    private volatile java.util.function.BiPredicate<String, String> relationKept = (blueprint, relation) -> true;

    private record CompiledResource(MappingDefinition.Resource source, JsonQuery selector, JsonQuery items,
                                    Map<String, JsonQuery> fields) {
    }

    public MappingEngine(MappingDefinition definition, JqDialect jq) {
        this.definition = definition;
        this.jq = jq;
        for (MappingDefinition.Resource r : definition.resources()) {
            Map<String, JsonQuery> fields = new LinkedHashMap<>();
            r.fields().forEach((field, expr) -> fields.put(field, compile(r, field, expr)));
            JsonQuery items = r.itemsToParse() == null ? null : compile(r, "port.itemsToParse", r.itemsToParse());
            byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>())
                    .add(new CompiledResource(r, compile(r, "selector.query", r.selectorQuery()), items, fields));
        }
    }

    public static MappingEngine load(Path file, JqDialect jq) {
        return new MappingEngine(MappingDefinition.read(file), jq);
    }

    /** With a jq of its own, {@code env} off. */
    public static MappingEngine load(Path file) {
        return load(file, new JqDialect(false, Map.of()));
    }

    /** Which relations entities carry; preview and validate keep every relation of the mapping. */
    public void keepRelationsWhere(java.util.function.BiPredicate<String, String> kept) {
        this.relationKept = kept;
    }

    public MappingDefinition definition() {
        return definition;
    }

    /** Kinds in file order, each once. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    public MappingOutcome map(String kind, JsonNode raw) {
        return mapOwned(kind, JqJson.normalize(raw));
    }

    /** Like {@link #map}, for an item nobody else holds (a record just read): it is normalized in place, not copied. */
    public MappingOutcome mapOwned(String kind, JsonNode item) {
        JqJson.normalizeInPlace(item);
        List<PortEntity> entities = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CompiledResource resource : byKind.getOrDefault(kind, List.of())) {
            new Evaluation(resource, errors, refused).map(item, entities, dropped);
        }
        return new MappingOutcome(entities, dropped, refused, errors);
    }

    /** One item through one resource; the field errors it meets are collected for the caller (preview prints them). */
    private final class Evaluation {
        private final CompiledResource r;
        private final List<String> errors;
        private final List<String> refused;

        Evaluation(CompiledResource r, List<String> errors, List<String> refused) {
            this.r = r;
            this.errors = errors;
            this.refused = refused;
        }

        void map(JsonNode item, List<PortEntity> entities, List<String> dropped) {
            JsonNode selected = first("selector.query", r.selector, item);
            if (!selected.isBoolean()) {
                refused.add(r.source.describe() + ": selector.query gave " + brief(selected) + ", not a boolean");
                return;
            }
            if (!selected.booleanValue()) {
                return;
            }
            if (r.items == null) {
                entity(item, entities, dropped);
                return;
            }
            JsonNode list = first("port.itemsToParse", r.items, item);
            if (!list.isArray()) {
                refused.add(r.source.describe() + ": itemsToParse gave " + brief(list) + ", not an array");
                return;
            }
            for (JsonNode element : list) {
                ObjectNode expanded = item.isObject() ? ((ObjectNode) item).deepCopy() : JsonNodeFactory.instance.objectNode();
                expanded.set(r.source.itemsToParseName(), element);
                entity(expanded, entities, dropped);
            }
        }

        private void entity(JsonNode item, List<PortEntity> entities, List<String> dropped) {
            String identifier = text(first("identifier", r.fields.get("identifier"), item));
            String blueprint = text(first("blueprint", r.fields.get("blueprint"), item));
            if (identifier == null) {
                dropped.add(r.source.describe() + ": identifier is null or empty");
                return;
            }
            if (blueprint == null) {
                dropped.add(r.source.describe() + ": blueprint is null or empty for '" + identifier + "'");
                return;
            }
            if (identifier.length() > IDENTIFIER_MAX || !IDENTIFIER.matcher(identifier).matches()) {
                refused.add(r.source.describe() + ": identifier '" + shorten(identifier)
                        + "' does not match Port's identifier pattern");
                return;
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("identifier", identifier);
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            ObjectNode relations = JsonNodeFactory.instance.objectNode();
            r.fields.forEach((field, query) -> {
                if (field.equals("identifier") || field.equals("blueprint")) {
                    return;
                }
                JsonNode value = first(field, query, item);
                if (field.startsWith("properties.")) {
                    properties.set(field.substring("properties.".length()), value);
                } else if (field.startsWith("relations.")) {
                    String relation = field.substring("relations.".length());
                    if (relationKept.test(blueprint, relation)) {
                        relations.set(relation, value);
                    }
                } else if (!value.isNull()) {
                    body.set(field, value);
                }
            });
            body.set("properties", properties);
            body.set("relations", relations);
            entities.add(new PortEntity(blueprint, identifier, body));
        }

        /** Port keeps the first output of an expression; none, or an error, gives null (an error also warns once). */
        private JsonNode first(String field, JsonQuery query, JsonNode item) {
            try {
                List<JsonNode> out = jq.apply(query, item);
                return out.isEmpty() || out.get(0) == null ? NullNode.instance : out.get(0);
            } catch (JsonQueryException | RuntimeException e) {
                errors.add(r.source.describe() + ", field '" + field + "' failed and gives null: " + e.getMessage());
                if (warned.add(r.source.kind() + "/" + r.source.index() + "/" + field)) {
                    LOG.warn("Mapping {}, field '{}' failed and gives null: {} (further failures of this field are not logged)",
                            r.source.describe(), field, e.getMessage());
                }
                return NullNode.instance;
            }
        }
    }

    private JsonQuery compile(MappingDefinition.Resource r, String field, String expression) {
        try {
            return jq.compile(expression);
        } catch (JsonQueryException e) {
            throw new ConfigurationException(definition.file() + ": " + r.describe() + ", field '" + field
                    + "': jq expression does not compile: " + expression + " (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = JqJson.text(v);
        return s.isEmpty() ? null : s;
    }

    private static String brief(JsonNode v) {
        return shorten(v.toString());
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
