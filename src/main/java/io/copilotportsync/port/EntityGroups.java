package io.copilotportsync.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Entities on their way to a bulk request, grouped per blueprint (route entity-batch). A batch of records becomes a
 * few exchanges of up to {@link BulkUpsert#MAX_ENTITIES} entities of one blueprint ({@link #chunks}), not an exchange
 * per entity: splitting and aggregating each entity on its own was a third of the sync's CPU (README, "Where the
 * CPU goes"). The aggregator joins them per blueprint ({@link #aggregate}) until a group holds a request's worth; a
 * batch's records are mostly of one blueprint and come 200 or 100 at a time, so the groups fill requests exactly
 * but at the end of a file. Stateless: the groups are the aggregator's.
 */
public final class EntityGroups implements AggregationStrategy {

    /** The entities in order, grouped per blueprint, cut into lists of at most a request's number of entities. */
    public <E extends OutgoingEntity> List<List<E>> chunks(@Body List<E> entities) {
        Map<String, List<E>> byBlueprint = new LinkedHashMap<>();
        for (E e : entities) {
            byBlueprint.computeIfAbsent(e.blueprint(), b -> new ArrayList<>()).add(e);
        }
        List<List<E>> chunks = new ArrayList<>();
        for (List<E> group : byBlueprint.values()) {
            for (int from = 0; from < group.size(); from += BulkUpsert.MAX_ENTITIES) {
                chunks.add(group.subList(from, Math.min(group.size(), from + BulkUpsert.MAX_ENTITIES)));
            }
        }
        return chunks;
    }

    /**
     * The aggregator's correlation (route language {@code ref}, bean entityBlueprint): the blueprint of the entity, or
     * of the entities, in the body, read without copying the exchange.
     */
    public static final Expression BLUEPRINT = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            return blueprintOf(exchange.getMessage().getBody());
        }
    };

    /** The blueprint of the entity, or of the entities of one blueprint, in the body. */
    public static String blueprintOf(Object body) {
        if (body instanceof List<?> list) {
            return ((OutgoingEntity) list.get(0)).blueprint();
        }
        return ((OutgoingEntity) body).blueprint();
    }

    /** The group's entities (a list, the aggregated body) with the new exchange's entity or entities added. */
    @Override
    public Exchange aggregate(Exchange group, Exchange next) {
        Object body = next.getMessage().getBody();
        if (group == null) {
            List<Object> entities = new ArrayList<>();
            add(entities, body);
            next.getMessage().setBody(entities);
            return next;
        }
        @SuppressWarnings("unchecked")
        List<Object> entities = group.getMessage().getBody(List.class);
        add(entities, body);
        return group;
    }

    private static void add(List<Object> entities, Object body) {
        if (body instanceof List<?> list) {
            entities.addAll(list);
        } else {
            entities.add(body);
        }
    }
}
