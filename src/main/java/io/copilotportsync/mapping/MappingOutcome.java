package io.copilotportsync.mapping;

import java.util.List;

/** What one raw item became: the entities to upsert, and the reason for each entity that was dropped. */
public record MappingOutcome(List<PortEntity> entities, List<String> dropped) {
}
