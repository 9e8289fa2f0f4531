package io.copilotportsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.copilotportsync.mapping.PortEntity;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A batch's entities go to their batches a request's worth at a time: grouped per blueprint in the order they came,
 * at most 20 a group; the aggregator's groups take single entities and lists alike.
 */
class EntityGroupsTest {
    private record Entity(PortEntity entity) implements OutgoingEntity {
        @Override
        public String json() {
            return "{}";
        }

        @Override
        public int bytes() {
            return 2;
        }
    }

    private static Entity entity(String blueprint, int n) {
        return new Entity(new PortEntity(blueprint, blueprint + "-" + n, JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void a_batch_becomes_groups_of_one_blueprint_and_at_most_twenty() {
        List<Entity> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(entity("user", i));
            if (i % 10 == 0) {
                batch.add(entity("team", i));
            }
        }
        List<List<Entity>> chunks = new EntityGroups().chunks(batch);
        // expected from the batch itself: 45 users in 20 + 20 + 5, then the 5 teams, in the order each blueprint first came
        assertEquals(List.of(20, 20, 5, 5), chunks.stream().map(List::size).toList());
        assertEquals(List.of("user", "user", "user", "team"), chunks.stream().map(c -> c.get(0).blueprint()).toList());
        assertEquals(batch.stream().filter(e -> e.blueprint().equals("user")).toList(),
                chunks.subList(0, 3).stream().flatMap(List::stream).toList(), "every user entity once, in order");
        chunks.forEach(c -> assertEquals(1, c.stream().map(Entity::blueprint).distinct().count(), "one blueprint a group"));
    }

    @Test
    void the_aggregated_group_holds_every_entity_it_was_given_lists_and_single_ones_alike() {
        EntityGroups groups = new EntityGroups();
        DefaultCamelContext context = new DefaultCamelContext();
        Entity first = entity("user", 0);
        List<Entity> more = List.of(entity("user", 1), entity("user", 2));
        Exchange one = new DefaultExchange(context);
        one.getMessage().setBody(first);
        Exchange two = new DefaultExchange(context);
        two.getMessage().setBody(more);
        Exchange group = groups.aggregate(null, one);
        assertSame(group, groups.aggregate(group, two));
        assertEquals(List.of(first, more.get(0), more.get(1)), group.getMessage().getBody(List.class));
        assertEquals("user", EntityGroups.blueprintOf(more));
        assertEquals("user", EntityGroups.blueprintOf(first));
    }
}
