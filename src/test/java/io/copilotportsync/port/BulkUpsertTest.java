package io.copilotportsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.PortEntity;
import io.copilotportsync.sync.DeadLetters;
import io.copilotportsync.sync.MappedEntity;
import io.copilotportsync.sync.SyncRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk bodies stay within Port's limits: at most 20 entities and 1 MiB a request, every entity sent once. */
class BulkUpsertTest {

    private static MappedEntity entity(int i, int padding) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("identifier", "e" + i);
        body.putObject("properties").put("padding", "x".repeat(padding));
        return new MappedEntity("user-usage-metrics", "octo-org", "2026-03-01", new PortEntity("bp", "e" + i, body), body.toString(),
                body.toString().getBytes(StandardCharsets.UTF_8).length, "hash-" + i);
    }

    private static SyncRun run(Path dir) {
        SyncSettings settings = SyncSettings.from(Map.of("GITHUB_ORGS", "octo-org", "DATA_DIR", dir.toString())::get, false);
        SyncRun run = new SyncRun(settings, MappingEngine.load(Path.of("mappings/port-app-config.yaml")), new DeadLetters(dir), Clock.systemUTC(),
                new io.copilotportsync.state.FileSyncState(dir));
        run.begin();
        return run;
    }

    @Test
    void small_entities_go_20_to_a_request(@TempDir Path dir) {
        List<MappedEntity> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(entity(i, 10));
        }
        List<BulkRequest> requests = new BulkUpsert(run(dir)).requests(batch);
        assertEquals(List.of(20, 20, 5), requests.stream().map(r -> r.entities().size()).toList());
    }

    @Test
    void large_entities_are_split_so_that_no_body_exceeds_1_mib(@TempDir Path dir) {
        List<MappedEntity> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(entity(i, 200_000));
        }
        List<BulkRequest> requests = new BulkUpsert(run(dir)).requests(batch);
        assertTrue(requests.size() >= 4, "20 x 200 kB needs at least 4 requests: " + requests.size());
        for (BulkRequest r : requests) {
            assertTrue(r.json().getBytes(StandardCharsets.UTF_8).length <= BulkUpsert.MAX_BYTES);
        }
        assertEquals(20, requests.stream().mapToInt(r -> r.entities().size()).sum());
    }

    @Test
    void an_entity_larger_than_1_mib_alone_is_failed_with_its_reason_and_the_others_are_sent(@TempDir Path dir) {
        SyncRun run = run(dir);
        List<BulkRequest> requests = new BulkUpsert(run).requests(List.of(entity(1, 10), entity(2, 1_100_000), entity(3, 10)));
        assertEquals(List.of("e1", "e3"), requests.get(0).entities().stream().map(e -> e.entity().identifier()).toList());
        assertEquals(1, run.summary().tally("user-usage-metrics", "octo-org").failedCount());
    }
}
