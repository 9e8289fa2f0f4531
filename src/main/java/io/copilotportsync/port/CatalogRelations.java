package io.copilotportsync.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.mapping.MappingDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relations from the sync's blueprints to blueprints it does not ship (githubUser, githubTeam, githubOrganization,
 * githubRepository of Port's GitHub integration). Port refuses a blueprint whose relation targets a blueprint it does
 * not have, and an entity whose relation its blueprint does not declare; so at start-up Port is asked which targets
 * exist, relations to the others are left out of the blueprints created, and entities carry only the relations their
 * blueprint, as Port holds it, declares. What is kept here is a copy of Port's schema, read again at every run's start.
 */
public final class CatalogRelations {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRelations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Blueprints blueprints;
    private final boolean createMissingRelatedEntities;
    /** Target blueprint outside mappings/blueprints/ → whether Port has it (as last asked). */
    private final Map<String, Boolean> targets = new ConcurrentHashMap<>();
    /** Our blueprint → relation → target, as Port's copy of it declares them (as last read or created). */
    private final Map<String, Map<String, String>> declared = new ConcurrentHashMap<>();

    public CatalogRelations(Blueprints blueprints, MappingDefinition mapping) {
        this.blueprints = blueprints;
        this.createMissingRelatedEntities = mapping.createMissingRelatedEntities();
    }

    /** The query of every entity write: Port creates a bare target entity instead of refusing the entity (README, In Port). */
    public String bulkQuery() {
        return "upsert=true&merge=true&create_missing_related_entities=" + createMissingRelatedEntities;
    }

    /** The blueprints our relations point at that mappings/blueprints/ does not define, each once. */
    public List<String> externalTargets() {
        Set<String> found = new TreeSet<>();
        relationsOf().values().forEach(byName -> byName.values().stream()
                .filter(t -> blueprints.find(t) == null).forEach(found::add));
        return List.copyOf(found);
    }

    /** Port's answer to GET /v1/blueprints/TARGET (property catalogTarget): 200 it has it, 404 it has not. */
    public void targetAnswer(@ExchangeProperty(PropertyNames.CATALOG_TARGET) String target, @ExchangeProperty(PropertyNames.STATUS) int status, @Body String answer) {
        if (status != 200 && status != 404) {
            throw new PortException("Port answered " + status + " when asked whether it has blueprint '" + target
                    + "' (a relation target of our blueprints): " + answer);
        }
        targets.put(target, status == 200);
    }

    /**
     * The blueprints to ensure, each without its relations to targets Port lacks; one line per missing target says
     * which relations are left out and how to get them.
     */
    public List<Blueprints.Blueprint> toEnsure() {
        Map<String, List<String>> leftOut = new LinkedHashMap<>();
        List<Blueprints.Blueprint> ensured = blueprints.all().stream().map(b -> withoutMissing(b, leftOut)).toList();
        leftOut.forEach((target, relations) -> LOG.info("Port has no blueprint '{}': relation{} {} left out of the blueprints "
                + "created and of the entities sent. To get {}: install Port's GitHub integration (or create blueprint '{}'), "
                + "then add the relation to the blueprint in Port or delete our blueprint so that the next run creates it with it",
                target, relations.size() == 1 ? "" : "s", String.join(", ", relations), relations.size() == 1 ? "it" : "them", target));
        return ensured;
    }

    /** The blueprint to create after a 404 to a write, without relations to missing targets. */
    public Blueprints.Blueprint find(String identifier) {
        Blueprints.Blueprint b = blueprints.find(identifier);
        return b == null ? null : withoutMissing(b, new LinkedHashMap<>());
    }

    private Blueprints.Blueprint withoutMissing(Blueprints.Blueprint b, Map<String, List<String>> leftOut) {
        ObjectNode json = read(b.json());
        JsonNode relations = json.path("relations");
        if (relations.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = relations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                String target = r.getValue().path("target").asText("");
                if (Boolean.FALSE.equals(targets.get(target))) {
                    leftOut.computeIfAbsent(target, t -> new ArrayList<>()).add(b.identifier() + "." + r.getKey());
                    it.remove();
                }
            }
        }
        return new Blueprints.Blueprint(b.identifier(), b.file(), json.toString());
    }

    /**
     * Records the relations of our blueprint as Port holds it: the one Port answered the check with (200), or the one
     * created (whose JSON is in property blueprint). A 409 to the create: the concurrent creator's copy is not read, so
     * ours is assumed.
     */
    public void held(@ExchangeProperty(PropertyNames.BLUEPRINT) Blueprints.Blueprint b, @ExchangeProperty(PropertyNames.STATUS) int status,
                     @ExchangeProperty(PropertyNames.BLUEPRINT_STEP) String step, @Body String answer) {
        JsonNode blueprint = "check".equals(step) && status == 200
                ? read(answer).path("blueprint")
                : read(b.json());
        Map<String, String> relations = new LinkedHashMap<>();
        blueprint.path("relations").fields().forEachRemaining(r -> relations.put(r.getKey(), r.getValue().path("target").asText("")));
        declared.put(b.identifier(), Map.copyOf(relations));
    }

    /**
     * Whether entities of this blueprint carry the relation: when Port's copy of the blueprint declares it and Port has
     * its target; every relation of a blueprint we did not read (a user's own, named by their mapping).
     */
    public boolean keeps(String blueprint, String relation) {
        Map<String, String> relations = declared.get(blueprint);
        return relations == null || relations.containsKey(relation) && !Boolean.FALSE.equals(targets.get(relations.get(relation)));
    }

    /** Blueprint → relation → target, from the files under mappings/blueprints/. */
    public Map<String, Map<String, String>> relationsOf() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Blueprints.Blueprint b : blueprints.all()) {
            Map<String, String> byName = new LinkedHashMap<>();
            read(b.json()).path("relations").fields()
                    .forEachRemaining(r -> byName.put(r.getKey(), r.getValue().path("target").asText("")));
            all.put(b.identifier(), byName);
        }
        return all;
    }

    private static ObjectNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json == null ? "{}" : json);
            return node instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
