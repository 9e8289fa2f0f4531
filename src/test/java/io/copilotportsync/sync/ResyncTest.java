package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a mapping fix, --resync reads the window again whatever the state says: days final and entities unchanged
 * are read and sent again, so Port ends as a first run with the fixed mapping; --once would send nothing.
 */
class ResyncTest {

    @Test
    void resync_reads_final_days_again_and_sends_what_the_changed_mapping_makes_of_them(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("mappings/port-app-config.yaml");
        Files.createDirectories(mapping.getParent().resolve("blueprints"));
        String shipped = Files.readString(Path.of("mappings/port-app-config.yaml"));
        Files.writeString(mapping, shipped);
        try (Stream<Path> files = Files.list(Path.of("mappings/blueprints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mapping.getParent().resolve("blueprints").resolve(f.getFileName()));
            }
        }
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("MAPPING_FILE", mapping.toString());
            assertEquals(0, standIns.run("--once").exitCode());

            String userTitle = "          title: '.user_login + \" (\" + .__organization.login + \") Copilot usage \" + .day'";
            assertTrue(shipped.contains(userTitle), "the shipped user title expression this test changes");
            Files.writeString(mapping, shipped.replace(userTitle, "          title: '\"Fixed: \" + .user_login'"));
            standIns.env.put("SYNC_KINDS", "user-usage-metrics");
            StandIns.Run once = standIns.run("--once");
            assertEquals(0, once.exitCode(), once.out());
            assertTrue(standIns.port.holdings().get("githubCopilotUserUsage").values().stream()
                    .noneMatch(e -> e.get("title").asText().startsWith("Fixed: ")), "--once: every day is final, nothing is read");

            StandIns.Run resync = standIns.run("--resync");
            assertEquals(0, resync.exitCode(), resync.out());
            Map<String, com.fasterxml.jackson.databind.node.ObjectNode> users = standIns.port.holdings().get("githubCopilotUserUsage");
            standIns.data.organizations().forEach(org -> standIns.data.days().forEach(day -> {
                var rows = standIns.data.userRows(org.login(), day);
                if (rows != null) {
                    rows.forEach(r -> assertEquals("Fixed: " + r.get("user_login").asText(),
                            users.get(r.get("user_login").asText() + "@" + org.login() + "@" + day).get("title").asText()));
                }
            }));
        }
    }

    @Test
    void resync_without_a_window_is_refused_with_the_variable_named() {
        StandIns.Run run = StandIns.run(StandIns.validSettings(), "", "--resync");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("configuration error: --resync needs SYNC_START_DAY"), run.err());
    }
}
