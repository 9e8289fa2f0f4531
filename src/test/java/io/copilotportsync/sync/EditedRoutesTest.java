package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.support.StandIns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes are read from files at start-up: an edited copy runs as edited, with no rebuild. */
class EditedRoutesTest {

    @Test
    void a_changed_copy_of_the_routes_is_what_runs(@TempDir Path tmp) throws Exception {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Path shape = routes.resolve("port.camel.yaml");
        String original = Files.readString(shape);
        // after the step that adds the context, a jq step of the user's own
        String edited = original.replace("""
                                  method: withContext
                              - to: direct:map-entity
                """, """
                                  method: withContext
                              - transform:
                                  jq: 'if .__organization.login then .__organization.login |= ascii_upcase else . end'
                              - to: direct:map-entity
                """);
        assertTrue(!edited.equals(original), "the step that adds the context is in the route file");
        Files.writeString(shape, edited);

        try (StandIns standIns = new StandIns(tmp.resolve("data"))) {
            SyncApplication app = new SyncApplication(SyncSettings.from(standIns.env::get, true),
                    Map.of("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"), Clock.systemUTC());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, app.runOnce(new PrintStream(out, true)), out.toString());
            Set<String> scopesInIdentifiers = standIns.port.holdings().get("githubCopilotOrganizationUsage").keySet().stream()
                    .map(id -> id.substring(0, id.indexOf('@'))).collect(Collectors.toSet());
            assertEquals(Set.of("OCTO-ORG", "ACME-ENG", "acme-corp"), scopesInIdentifiers, "organization logins upper-cased, the enterprise as it was");
        }
    }
}
