package io.copilotportsync.sync;

import io.copilotportsync.mapping.PortEntity;

/**
 * An entity on its way to Port, remembering where it came from so that Port's answer is counted against it,
 * its JSON and size in a request body (serialized once), and the hash of its content (to skip it next time if it has not changed).
 */
public record MappedEntity(String kind, String scope, String day, PortEntity entity, String json, int bytes, String hash) {
    public String blueprint() {
        return entity.blueprint();
    }
}
