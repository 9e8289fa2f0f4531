package io.copilotportsync.sandbox;

import java.util.List;

/**
 * What a test stages in Port's answers (src/test's PortFaults): every method says how Port answers as it should
 * unless told otherwise. {@code --sandbox} stages nothing.
 */
public interface PortStaging {
    /** Before each bulk upsert, within its time in flight (a test's network latency). */
    default void beforeBulk() {
    }

    /** Whether the blueprint is gone when this bulk upsert comes (as if deleted during the sync). */
    default boolean forgetsBlueprint(String blueprint) {
        return false;
    }

    /** Whether a bulk body of this size meets a 413 below Port's 1 MiB. */
    default boolean refusesBody(int bytes) {
        return false;
    }

    /** Whether a concurrent creator makes this blueprint just before our create: the stand-in then has it (409). */
    default boolean createdConcurrently(String blueprint) {
        return false;
    }

    /** The body of a 422 that refuses a request of these identifiers as a whole, or null. */
    default String wholeRefusal(List<String> identifiers) {
        return null;
    }

    /** Whether Port refuses this entity in this bulk upsert (a 207), as a passing failure would. */
    default boolean refuses(String identifier) {
        return false;
    }
}
