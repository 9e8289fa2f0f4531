package io.copilotportsync.sync;

import io.copilotportsync.mapping.PortEntity;

/** An entity on its way to Port, remembering where it came from so that Port's answer is counted against it. */
public record MappedEntity(String kind, String scope, String day, PortEntity entity, int bytes) {
    public String blueprint() {
        return entity.blueprint();
    }
}
