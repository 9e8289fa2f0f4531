package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One entity for Port's bulk upsert, with the blueprint it belongs to and its size in the request body. */
public record PortEntity(String blueprint, String identifier, ObjectNode body) {
}
