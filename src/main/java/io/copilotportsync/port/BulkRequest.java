package io.copilotportsync.port;

import io.copilotportsync.sync.MappedEntity;
import java.util.List;

/** One POST to Port's bulk endpoint: up to 20 entities of one blueprint, at most 1 MiB of body. */
public record BulkRequest(String blueprint, List<MappedEntity> entities, String json) {
}
