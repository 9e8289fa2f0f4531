package io.copilotportsync.port;

import io.copilotportsync.mapping.PortEntity;

/**
 * An entity as a bulk request carries it: the mapped entity, its JSON serialized once and that JSON's size. The
 * sync's MappedEntity is one, and also knows the run Port's answer is counted against.
 */
public interface OutgoingEntity {
    PortEntity entity();

    String json();

    int bytes();

    default String blueprint() {
        return entity().blueprint();
    }
}
