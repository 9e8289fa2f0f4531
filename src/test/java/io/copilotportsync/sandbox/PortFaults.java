package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Port's answers as a test stages them on the Port stand-in: latency, a smaller body limit, a blueprint gone
 * mid-sync, a blueprint create that loses the race, an entity refused once, requests refused as a whole for one
 * entity in them. {@code --sandbox} stages none of these, so they live with the tests.
 */
public final class PortFaults implements PortStaging {
    private static final Map<PortStandIn, PortFaults> OF = Collections.synchronizedMap(new WeakHashMap<>());

    private volatile long latencyMillis;
    private volatile int maxBodyBytes = Integer.MAX_VALUE;
    private final Set<String> forgetOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> createdConcurrently = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectWhole = ConcurrentHashMap.newKeySet();
    private final List<Integer> wholeRejections = new CopyOnWriteArrayList<>();

    private PortFaults() {
    }

    /** The staged answers of a Port stand-in, which from then on answers as they say. */
    public static PortFaults of(PortStandIn port) {
        return OF.computeIfAbsent(port, p -> {
            PortFaults faults = new PortFaults();
            p.stage(faults);
            return faults;
        });
    }

    /** Every bulk upsert takes this long, as Port's does over a real network. */
    public void latency(long millis) {
        this.latencyMillis = millis;
    }

    /** A smaller body limit than Port's 1 MiB, so that ordinary requests meet a 413. */
    public void maxBodyBytes(int bytes) {
        this.maxBodyBytes = bytes;
    }

    /** The first bulk upsert to this blueprint finds it gone (404), as if someone deleted it during the sync. */
    public void forgetBlueprintOnce(String blueprint) {
        forgetOnce.add(blueprint);
    }

    /**
     * The first create of this blueprint finds it made already by a concurrent creator (another replica or run that
     * won the race after our check): Port has it, and answers the create 409 identifier_taken.
     */
    public void blueprintCreatedConcurrently(String blueprint) {
        createdConcurrently.add(blueprint);
    }

    /**
     * Every request that carries this entity is refused as a whole with a 422, as Port refuses a body it will not
     * take apart, instead of a 207 with the entity's own error.
     */
    public void rejectWhole(String identifier) {
        rejectWhole.add(identifier);
    }

    /** How many entities each request refused as a whole (see {@link #rejectWhole}) carried, in the order they came. */
    public List<Integer> wholeRejections() {
        return List.copyOf(wholeRejections);
    }

    /** The first time this entity comes in a bulk upsert, Port refuses it (a 207), as a passing failure would. */
    public void refuseOnce(String identifier) {
        refuseOnce.add(identifier);
    }

    @Override
    public void beforeBulk() {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean forgetsBlueprint(String blueprint) {
        return forgetOnce.remove(blueprint);
    }

    @Override
    public boolean refusesBody(int bytes) {
        return bytes > maxBodyBytes;
    }

    @Override
    public boolean createdConcurrently(String blueprint) {
        return createdConcurrently.remove(blueprint);
    }

    @Override
    public String wholeRefusal(List<String> identifiers) {
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

    @Override
    public boolean refuses(String identifier) {
        return refuseOnce.remove(identifier);
    }
}
