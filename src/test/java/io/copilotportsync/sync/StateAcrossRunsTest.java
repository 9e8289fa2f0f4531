package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run remembers for the next: final days are not read again, unchanged entities not sent, failures repaired. */
class StateAcrossRunsTest {

    private static long requestsFor(StandInServer server, String path, String query) {
        return server.requests().stream().filter(r -> r.path().equals(path) && (query == null || query.equals(r.query()))).count();
    }

    @Test
    void a_second_run_over_the_same_window_sends_no_bulk_request(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            assertEquals(0, standIns.run("--once").exitCode());
            int first = standIns.port.bulkRequests();
            String lastDay = "day=" + StandIns.LAST_DAY;
            long manifests = requestsFor(standIns.github, "/orgs/octo-org/copilot/metrics/reports/users-1-day", lastDay);
            StandIns.Run second = standIns.run("--once");
            assertEquals(0, second.exitCode(), second.out());
            assertTrue(first > 0);
            assertEquals(first, standIns.port.bulkRequests(), "no bulk request the second time");
            assertEquals(manifests, requestsFor(standIns.github, "/orgs/octo-org/copilot/metrics/reports/users-1-day", lastDay),
                    "final days are not asked for again");
            assertTrue(second.out().lines().anyMatch(l -> l.startsWith("copilot-seats") && l.contains("octo-org") && l.matches(".*\\s0\\s+10\\s+0\\s+0\\s+0$")),
                    "seats are read again and found unchanged:\n" + second.out());
        }
    }

    @Test
    void a_day_that_failed_is_asked_again_next_run_and_only_it(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            String day = StandIns.LAST_DAY.toString();
            String report = "/orgs/octo-org/copilot/metrics/reports/users-1-day";
            Faults.of(standIns.github).inject(report + "\\?day=" + day, 6, 500, Map.of(), "{}");
            StandIns.Run first = standIns.runOnce(StandIns.FAST);
            assertEquals(1, first.exitCode(), first.out());
            assertFalse(standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream().anyMatch(id -> id.endsWith("@octo-org@" + day)));
            long before = requestsFor(standIns.github, report, null);
            long beforeThatDay = requestsFor(standIns.github, report, "day=" + day);
            StandIns.Run second = standIns.runOnce(StandIns.FAST);
            assertEquals(0, second.exitCode(), second.out());
            assertEquals(beforeThatDay + 1, requestsFor(standIns.github, report, "day=" + day), "the failed day is asked for again");
            // the only other day asked again is the 204 day before the data (a gap: asked up to three times)
            assertEquals(before + 2, requestsFor(standIns.github, report, null), "and no day that was done");
            assertEquals(standIns.data.userRows("octo-org", StandIns.LAST_DAY).size(), standIns.port.holdings().get("githubCopilotUserUsage")
                    .keySet().stream().filter(id -> id.endsWith("@octo-org@" + day)).count());
        }
    }

    @Test
    void a_seat_taken_away_is_deleted_when_within_the_threshold_and_kept_with_the_default_0(@TempDir Path dir) throws Exception {
        Path mapping = mappingThatDeletes(dir);
        for (boolean deletes : new boolean[] {true, false}) {
            try (StandIns standIns = new StandIns(dir.resolve(deletes ? "with" : "without"))) {
                if (deletes) {
                    standIns.env.put("MAPPING_FILE", mapping.toString());
                }
                assertEquals(0, standIns.run("--once").exitCode());
                assertTrue(standIns.port.holdings().get("githubCopilotSeat").containsKey("octo-org-dev-5@octo-org"));
                standIns.data.removeSeat("octo-org", "octo-org-dev-5");
                StandIns.Run second = standIns.run("--once");
                assertEquals(0, second.exitCode(), second.out());
                Map<String, ObjectNode> seats = standIns.port.holdings().get("githubCopilotSeat");
                assertEquals(!deletes, seats.containsKey("octo-org-dev-5@octo-org"), second.out());
                assertTrue(seats.containsKey("octo-org-dev-6@octo-org"));
            }
        }
    }

    /** The shipped mapping and blueprints, copied under {@code dir}, with entityDeletionThreshold 0.5. */
    static Path mappingThatDeletes(Path dir) throws java.io.IOException {
        Path mapping = dir.resolve("mappings/port-app-config.yaml");
        Files.createDirectories(mapping.getParent().resolve("blueprints"));
        try (var files = Files.list(Path.of("mappings/blueprints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mapping.getParent().resolve("blueprints").resolve(f.getFileName()));
            }
        }
        Files.writeString(mapping, Files.readString(Path.of("mappings/port-app-config.yaml"))
                .replace("entityDeletionThreshold: 0", "entityDeletionThreshold: 0.5"));
        return mapping;
    }
}
