package io.copilotportsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.mapping.PortEntity;
import io.copilotportsync.sync.MappedEntity;
import io.copilotportsync.sync.RunState;
import io.copilotportsync.sync.SyncApplication;
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

    private static MappedEntity entity(RunState run, int i, int padding) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("identifier", "e" + i);
        body.putObject("properties").put("padding", "x".repeat(padding));
        return new MappedEntity("user-usage-metrics", "octo-org", "2026-03-01", new PortEntity("bp", "e" + i, body), body.toString(),
                body.toString().getBytes(StandardCharsets.UTF_8).length, "hash-" + i, run);
    }

    /** A run begun by the application's own beans, as the routes begin one. */
    private static RunState run(SyncApplication app) {
        return ((io.copilotportsync.sync.RunStart) app.beans().get("runStart")).begin();
    }

    private static SyncApplication app(Path dir) {
        return new SyncApplication(SyncSettings.from(Map.of("GITHUB_ORGS", "octo-org", "DATA_DIR", dir.toString(),
                "GITHUB_TOKEN", "ghp_example", "PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "secret")::get, false), Map.of(), Clock.systemUTC());
    }

    @SuppressWarnings("unchecked")
    private static BulkUpsert<MappedEntity> bulk(SyncApplication app) {
        return (BulkUpsert<MappedEntity>) app.beans().get("portBulk");
    }

    @Test
    void small_entities_go_20_to_a_request(@TempDir Path dir) {
        SyncApplication app = app(dir);
        RunState run = run(app);
        List<MappedEntity> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(entity(run, i, 10));
        }
        List<BulkRequest<MappedEntity>> requests = bulk(app).requests(batch);
        app.close();
        assertEquals(List.of(20, 20, 5), requests.stream().map(r -> r.entities().size()).toList());
    }

    @Test
    void an_entity_over_1_mib_on_its_own_is_not_sent_and_fails_naming_it_the_limit_and_the_fix(@TempDir Path dir) {
        SyncApplication app = app(dir);
        RunState run = run(app);
        List<MappedEntity> batch = List.of(entity(run, 0, 10), entity(run, 1, BulkUpsert.MAX_BYTES), entity(run, 2, 10));
        List<BulkRequest<MappedEntity>> requests = bulk(app).requests(batch);
        Map<String, Long> failed = run.summary().tally("user-usage-metrics", "octo-org").failedReasons();
        app.close();
        assertEquals(List.of("e0", "e2"), requests.stream().flatMap(r -> r.entities().stream()).map(e -> e.entity().identifier()).toList());
        int bytes = batch.get(1).bytes();
        assertEquals(Map.of("entity 'e1' of blueprint 'bp' is " + bytes + " bytes, over Port's 1 MiB request limit, and is not sent:"
                + " map fewer or shorter properties for it (the kind's mapping in MAPPING_FILE)", 1L), failed);
    }

    @Test
    void large_entities_are_split_so_that_no_body_exceeds_1_mib(@TempDir Path dir) {
        SyncApplication app = app(dir);
        RunState run = run(app);
        List<MappedEntity> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(entity(run, i, 200_000));
        }
        List<BulkRequest<MappedEntity>> requests = bulk(app).requests(batch);
        app.close();
        assertTrue(requests.size() >= 4, "20 x 200 kB needs at least 4 requests: " + requests.size());
        for (BulkRequest<MappedEntity> r : requests) {
            assertTrue(r.json().getBytes(StandardCharsets.UTF_8).length <= BulkUpsert.MAX_BYTES);
        }
        assertEquals(20, requests.stream().mapToInt(r -> r.entities().size()).sum());
    }

    @Test
    void an_entity_larger_than_1_mib_alone_is_failed_with_its_reason_and_the_others_are_sent(@TempDir Path dir) {
        SyncApplication app = app(dir);
        RunState run = run(app);
        List<BulkRequest<MappedEntity>> requests = bulk(app).requests(List.of(entity(run, 1, 10), entity(run, 2, 1_100_000), entity(run, 3, 10)));
        app.close();
        assertEquals(List.of("e1", "e3"), requests.get(0).entities().stream().map(e -> e.entity().identifier()).toList());
        assertEquals(1, run.summary().tally("user-usage-metrics", "octo-org").failedCount());
    }
}
