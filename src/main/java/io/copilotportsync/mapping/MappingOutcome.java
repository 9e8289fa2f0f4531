package io.copilotportsync.mapping;

import java.util.List;

/**
 * What one raw item became: the entities to upsert, the reason for each entity that was dropped, and the fields
 * whose expression failed on it (they were sent as null).
 */
public record MappingOutcome(List<PortEntity> entities, List<String> dropped, List<String> errors) {
}
