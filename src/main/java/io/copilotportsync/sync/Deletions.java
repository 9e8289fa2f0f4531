package io.copilotportsync.sync;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.port.DeleteRequest;
import io.copilotportsync.state.SyncState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * entityDeletionThreshold, as Port defines it, for the snapshot kinds (seats, billing, legacy): entities a
 * (kind, scope) produced last time and not this time are deleted when their share of last time's is at most
 * the threshold; 0, the default, never deletes. Daily kinds keep their history and are never deleted.
 */
public final class Deletions {
    private final MappingEngine mapping;
    private final SyncState state;

    public Deletions(MappingEngine mapping, SyncState state) {
        this.mapping = mapping;
        this.state = state;
    }

    public List<DeleteRequest> deletions(@ExchangeProperty(PropertyNames.RUN) RunState run) {
        double threshold = mapping.definition().entityDeletionThreshold();
        List<DeleteRequest> requests = new ArrayList<>();
        if (run.faulted()) {
            return requests; // a stopped run is no ground to delete anything
        }
        SyncSummary summary = run.summary();
        run.produced().forEach((key, now) -> {
            String[] ks = key.split("\t", 2);
            Set<String> before = state.produced(ks[0], ks[1]);
            if (threshold <= 0 || before.isEmpty() || !summary.tally(ks[0], ks[1]).succeeded()) {
                return;
            }
            List<String> stale = before.stream().filter(e -> !now.contains(e)).sorted().toList();
            if (stale.isEmpty()) {
                return;
            }
            double share = (double) stale.size() / before.size();
            if (share > threshold) {
                summary.warning(ks[0], ks[1], stale.size() + " entities no longer produced were not deleted: their share "
                        + String.format("%.2f", share) + " is above entityDeletionThreshold " + threshold);
                return;
            }
            Map<String, List<String>> byBlueprint = new TreeMap<>();
            stale.forEach(e -> byBlueprint.computeIfAbsent(e.split("\t", 2)[0], b -> new ArrayList<>()).add(e.split("\t", 2)[1]));
            byBlueprint.forEach((bp, ids) -> {
                for (int i = 0; i < ids.size(); i += DeleteRequest.MAX) {
                    requests.add(new DeleteRequest(ks[0], ks[1], bp, List.copyOf(ids.subList(i, Math.min(ids.size(), i + DeleteRequest.MAX)))));
                }
            });
        });
        return requests;
    }

    /** Port's answer to a bulk delete. */
    public void deleted(@ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(PropertyNames.DELETION) DeleteRequest request,
                        @ExchangeProperty(PropertyNames.STATUS) int status, @ExchangeProperty(PropertyNames.CONTENT_TYPE) String contentType, @Body String answer) {
        boolean taken = status == 200 || status == 207;
        String body = taken ? answer : null;
        if (taken && io.copilotportsync.http.NotJson.object(body) == null) {
            // a page in Port's place deleted nothing we know of: the identifiers are kept, and the next run deletes them
            run.summary().failed(request.kind(), request.scope(), io.copilotportsync.http.NotJson.From.PORT.reason(status,
                    contentType, body, "deleting " + request.identifiers().size()
                            + " entities of blueprint '" + request.blueprint() + "'"));
        } else if (taken) {
            request.identifiers().forEach(id -> state.forgetHash(request.blueprint(), id));
            run.summary().deleted(request.kind(), request.scope(), request.identifiers().size());
        } else {
            run.summary().failed(request.kind(), request.scope(), "Port answered " + status + " to deleting " + request.identifiers().size()
                    + " entities of blueprint '" + request.blueprint() + "'");
        }
    }
}
