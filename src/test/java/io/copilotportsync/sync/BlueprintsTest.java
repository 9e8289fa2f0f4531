package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped blueprints are created when Port lacks them and never overwrite one a user has. */
class BlueprintsTest {

    @Test
    void a_blueprint_port_already_has_is_left_as_it_is(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            ObjectNode own = (ObjectNode) new ObjectMapper().readTree(Path.of("mappings/blueprints/githubCopilotUserUsage.json").toFile());
            own.put("title", "Our own title");
            standIns.port.existingBlueprint(own);
            assertEquals(0, standIns.run("--once").exitCode());
            assertEquals("Our own title", standIns.port.blueprints().get("githubCopilotUserUsage").get("title").asText());
            long shipped;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("mappings/blueprints"))) {
                shipped = files.count();
            }
            assertEquals(shipped - 1, standIns.port.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/blueprints")).count(),
                    "only the missing blueprints are created");
            assertEquals("GitHub Copilot Organization Usage",
                    standIns.port.blueprints().get("githubCopilotOrganizationUsage").get("title").asText());
        }
    }

    @Test
    void a_blueprint_a_concurrent_creator_made_first_is_not_a_failure(@TempDir Path dir) throws Exception {
        java.util.Map<String, java.util.Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("race"))) {
            PortFaults.of(standIns.port).blueprintCreatedConcurrently("githubCopilotSeat");
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertEquals(1, standIns.port.faultsGiven(), "Port answered the create 409");
            assertEquals(clean, standIns.port.holdings(), "every entity reached Port, the seats too");
            assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
        }
    }
}
