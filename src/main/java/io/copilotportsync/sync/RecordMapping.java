package io.copilotportsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingOutcome;
import io.copilotportsync.mapping.PortEntity;
import io.copilotportsync.state.ContentHash;
import io.copilotportsync.state.SyncState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * A raw record becomes Port entities: it takes its scope's context, is mapped with the mapping file, and what Port
 * already holds unchanged (same content hash) is not sent again.
 */
public final class RecordMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncSettings settings;
    private final MappingEngine mapping;
    private final SyncState state;
    private final Failures failures;

    public RecordMapping(SyncSettings settings, MappingEngine mapping, SyncState state, Failures failures) {
        this.settings = settings;
        this.mapping = mapping;
        this.state = state;
        this.failures = failures;
    }

    /**
     * The enrichment step: the record gets its scope's object (exchange properties contextKey and context, such as
     * {@code __organization}) as a field, as Port's own integration gives it to mappings; as jq's
     * {@code . + {__organization: ...}} does, a null record becomes the context alone and any other non-object fails.
     * The record is this exchange's own, so it is extended in place; the context is shared and never changed.
     */
    public JsonNode withContext(@Body JsonNode record, @ExchangeProperty(PropertyNames.CONTEXT_KEY) String contextKey,
                                @ExchangeProperty(PropertyNames.CONTEXT) JsonNode context) {
        if (record == null || record.isNull()) {
            record = JSON.createObjectNode();
        }
        if (!(record instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a record must be a JSON object to take its scope's context, not " + record.getNodeType());
        }
        object.set(contextKey, context);
        return object;
    }

    /**
     * Maps one raw record: the body becomes its one entity (most records), or a list of entities (none or several).
     * Entities whose content Port already acknowledged are not sent again; the others are pending until Port
     * acknowledges them.
     */
    public Object map(@Body JsonNode record, @ExchangeProperty(PropertyNames.DAY) String day,
                      @ExchangeProperty(PropertyNames.RUN) RunState run,
                      @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                      @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.SOURCE) String source,
                      @ExchangeProperty(PropertyNames.REQUEST_PATH) String requestPath) {
        List<MappedEntity> entities = new ArrayList<>(1);
        map(RecordOrigin.of(run, kind, scope, job, source, requestPath), day, record, entities);
        return entities.size() == 1 ? entities.get(0) : entities;
    }

    /**
     * The enrichment step for a batch of report records (the body, {@link ReportRecord}s): each record gets its
     * scope's object as {@link #withContext} gives it to one; a record that cannot take it is dead-lettered.
     */
    public List<ReportRecord> withContextAll(@Body List<ReportRecord> records, @ExchangeProperty(PropertyNames.CONTEXT_KEY) String contextKey,
                                             @ExchangeProperty(PropertyNames.CONTEXT) JsonNode context,
                                             @ExchangeProperty(PropertyNames.RUN) RunState run,
                                             @ExchangeProperty(PropertyNames.KIND) String kind,
                                             @ExchangeProperty(PropertyNames.SCOPE) String scope, @ExchangeProperty(PropertyNames.JOB) SyncJob job,
                                             @ExchangeProperty(PropertyNames.SOURCE) String source,
                                             @ExchangeProperty(PropertyNames.REQUEST_PATH) String requestPath) {
        List<ReportRecord> enriched = new ArrayList<>(records.size());
        for (ReportRecord r : records) {
            JsonNode record = r.record() == null || r.record().isNull() ? JSON.createObjectNode() : r.record();
            if (record instanceof ObjectNode object) {
                object.set(contextKey, context);
                enriched.add(record == r.record() ? r : new ReportRecord(r.line(), record, r.day()));
            } else {
                failures.batchRecordFailed(RecordOrigin.of(run, kind, scope, job, source, requestPath), r.day(), record,
                        new IllegalArgumentException("a record must be a JSON object to take its scope's context, not "
                                + record.getNodeType()));
            }
        }
        return enriched;
    }

    /**
     * Maps a batch of report records (the body, {@link ReportRecord}s, each on its day): the body becomes the
     * entities of them all. A record that cannot be mapped is dead-lettered; the others go on.
     */
    public List<MappedEntity> mapAll(@Body List<ReportRecord> records, @ExchangeProperty(PropertyNames.RUN) RunState run,
                                     @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                                     @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.SOURCE) String source,
                                     @ExchangeProperty(PropertyNames.REQUEST_PATH) String requestPath) {
        RecordOrigin origin = RecordOrigin.of(run, kind, scope, job, source, requestPath);
        List<MappedEntity> entities = new ArrayList<>(records.size());
        for (ReportRecord r : records) {
            try {
                map(origin, r.day(), r.record(), entities);
            } catch (RuntimeException e) {
                failures.batchRecordFailed(origin, r.day(), r.record(), e);
            }
        }
        return entities;
    }

    /** Maps one record of the day into {@code entities}. */
    private void map(RecordOrigin origin, String day, JsonNode item, List<MappedEntity> entities) {
        RunState run = origin.run();
        String kind = origin.kind();
        String scope = origin.scope();
        run.stopIfFaulted();
        run.summary().recordRead(kind, scope);
        run.drift().observe(kind, item);
        MappingOutcome outcome = mapping.mapOwned(kind, item);
        for (String reason : outcome.dropped()) {
            // on purpose (an empty identifier): the day stays final; kept so that a changed mapping can replay it
            run.summary().dropped(kind, scope, reason);
            run.deadLetter(kind, scope, day, DeadLetters.Outcome.DROPPED, origin.source(), reason, item);
        }
        for (String reason : outcome.refused()) {
            failures.failRecord(origin, day, origin.source(), reason, item);
        }
        int before = entities.size();
        for (PortEntity e : outcome.entities()) {
            byte[] body = entityBytes(e);
            String json = new String(body, StandardCharsets.UTF_8);
            String hash = ContentHash.of(e.blueprint(), body);
            if (day == null) {
                run.produced(kind, scope, e.blueprint(), e.identifier());
            }
            if (!settings.resync() && state.acknowledged(e.blueprint(), e.identifier(), hash)) {
                run.summary().unchanged(kind, scope);
                continue;
            }
            entities.add(new MappedEntity(kind, scope, day, e, json, body.length, hash, run));
        }
        int mapped = entities.size() - before;
        run.ledger().mapped(kind, scope, day, mapped);
        run.pending(mapped);
    }

    /**
     * replay-dead-letters: an entity Port refused (the body, as it was sent; its blueprint in property "blueprint")
     * goes to Port again as it is, pending like a mapped one.
     */
    public MappedEntity resend(@Body JsonNode payload, @ExchangeProperty(PropertyNames.BLUEPRINT) String blueprint,
                               @ExchangeProperty(PropertyNames.RUN) RunState run,
                               @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                               @ExchangeProperty(PropertyNames.DAY) String day) {
        run.stopIfFaulted();
        if (!(payload instanceof ObjectNode body)) {
            throw new IllegalArgumentException("the dead letter's entity is not a JSON object");
        }
        PortEntity entity = new PortEntity(blueprint, body.path("identifier").asText(), body);
        byte[] bytes = entityBytes(entity);
        MappedEntity mapped = new MappedEntity(kind, scope, day, entity, new String(bytes, StandardCharsets.UTF_8), bytes.length,
                ContentHash.of(blueprint, bytes), run);
        run.summary().recordRead(kind, scope);
        run.ledger().mapped(kind, scope, day, 1);
        run.pending(1);
        return mapped;
    }

    /** The entity's JSON, written by the mapper's serializer: JsonNode.toString's walk costs twice as much. */
    private static byte[] entityBytes(PortEntity entity) {
        try {
            return JSON.writeValueAsBytes(entity.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entity " + entity.identifier() + " cannot be written as JSON", e);
        }
    }
}
