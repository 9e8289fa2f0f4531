package io.copilotportsync.sync;

import io.copilotportsync.mapping.PortEntity;
import io.copilotportsync.port.OutgoingEntity;

/**
 * An entity on its way to Port, remembering where it came from so that Port's answer is counted against it,
 * its JSON and size in a request body (serialized once), and the hash of its content (to skip it next time if it has not changed).
 * It names its run: Port's answer comes on the aggregator's thread, in an exchange of its own, and is counted against
 * the run that mapped the entity, whichever run is current by then.
 */
public record MappedEntity(String kind, String scope, String day, PortEntity entity, String json, int bytes, String hash, RunState run)
        implements OutgoingEntity {
    @Override
    public String blueprint() {
        return entity.blueprint();
    }

    /**
     * From the content hash, not the entity's JSON tree: Camel's bean and simple languages key their caches by the
     * message body, and the record's own hash would walk every property of the entity each time.
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, scope, day, hash);
    }
}
