package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Refusals the Port stand-in gives when a test stages them, in Port's words: a blueprint create that loses the race
 * to a concurrent creator (409 identifier_taken), and requests refused as a whole (422) for one entity in them.
 */
final class PortRefusals {
    private final Set<String> createdConcurrently = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectWhole = ConcurrentHashMap.newKeySet();
    private final List<Integer> wholeRejections = new CopyOnWriteArrayList<>();

    void blueprintCreatedConcurrently(String blueprint) {
        createdConcurrently.add(blueprint);
    }

    /** Whether a concurrent creator makes this blueprint just before our create (once): the stand-in then has it. */
    boolean concurrentCreation(String blueprint) {
        return createdConcurrently.remove(blueprint);
    }

    /** Port's answer to a create of a blueprint it has, as its API reference words identifier_taken. */
    static String identifierTaken() {
        return JsonNodeFactory.instance.objectNode().put("ok", false).put("error", "identifier_taken")
                .put("message", "The provided identifier already exists, identifiers must be unique").toString();
    }

    void rejectWhole(String identifier) {
        rejectWhole.add(identifier);
    }

    List<Integer> wholeRejections() {
        return List.copyOf(wholeRejections);
    }

    /** The body of a 422 for a request of these entity identifiers, or null when none of them is refused whole. */
    String wholeRefusal(List<String> identifiers) {
        for (int i = 0; i < identifiers.size(); i++) {
            if (rejectWhole.contains(identifiers.get(i))) {
                wholeRejections.add(identifiers.size());
                // one error for the request and no per-entity results, unlike a 207
                return JsonNodeFactory.instance.objectNode().put("ok", false).put("error", "blueprint_schema_mismatch")
                        .put("message", "The provided entity does not match the blueprint's schema: entities[" + i + "] ('"
                                + identifiers.get(i) + "') is not a valid entity").toString();
            }
        }
        return null;
    }
}
