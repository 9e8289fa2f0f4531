package io.copilotportsync.mapping;

import java.util.List;

/**
 * What one raw item became: the entities to upsert, the reason for each entity the mapping dropped on purpose (an
 * empty identifier or blueprint, as Port's integrations drop them), the reason for each entity that cannot be
 * delivered (an identifier Port refuses, a selector or itemsToParse of the wrong type: a failure, not a choice), and
 * the fields whose expression failed on it (they were sent as null, as Port does).
 */
public record MappingOutcome(List<PortEntity> entities, List<String> dropped, List<String> refused, List<String> errors) {
}
