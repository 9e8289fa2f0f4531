package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync's entities relate to the catalog of Port's GitHub integration where Port has its blueprints; where it has
 * not, the relations are left out (one line each) and the run succeeds. Port, as the stand-in enforces it, refuses a
 * relation to an entity it does not hold unless the write asks it to create the missing target.
 */
class CatalogRelationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> GITHUB_INTEGRATION = List.of("githubUser", "githubTeam", "githubOrganization", "githubRepository");

    /** The blueprints of Port's GitHub integration, as bare as Port takes them. */
    static void installGitHubIntegration(StandIns standIns) {
        io.copilotportsync.sandbox.GitHubIntegrationBlueprints.install(standIns.port);
    }

    @Test
    void with_the_github_integration_installed_entities_carry_relations_to_its_users_organizations_and_teams(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            installGitHubIntegration(standIns);
            // one user the integration already has: the relation to it must not create it again
            String knownLogin = standIns.data.seats("octo-org").get(0).path("assignee").path("login").asText();
            ObjectNode known = JSON.createObjectNode().put("identifier", knownLogin).put("title", "Known user");
            known.putObject("properties");
            known.putObject("relations");
            standIns.port.existingEntity("githubUser", known);

            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            // expected from the generated data: every seat relates to its login and its organization
            Map<String, ObjectNode> seats = standIns.port.holdings().get("githubCopilotSeat");
            Set<String> logins = new HashSet<>();
            for (String org : StandIns.ORGS) {
                for (ObjectNode seat : standIns.data.seats(org)) {
                    String login = seat.path("assignee").path("login").asText();
                    logins.add(login);
                    ObjectNode entity = seats.get(login + "@" + org);
                    assertEquals(login, entity.path("relations").path("githubUser").asText(), entity.toString());
                    assertEquals(org, entity.path("relations").path("githubOrganization").asText(), entity.toString());
                }
            }
            Map<String, ObjectNode> teams = standIns.port.holdings().get("githubCopilotTeamUsage");
            for (SandboxTeam t : teamsOf(standIns)) {
                teams.values().stream().filter(e -> e.path("identifier").asText().startsWith(t.slug + "@" + t.org + "@"))
                        .forEach(e -> assertEquals(String.valueOf(t.id), e.path("relations").path("githubTeam").asText(), e.toString()));
            }
            assertTrue(teams.values().stream().anyMatch(e -> e.path("relations").path("githubTeam").isTextual()), "some team usage relates");
            // Port made the missing users as bare entities (createMissingRelatedEntities: true), and left the known one alone
            Map<String, ObjectNode> users = standIns.port.holdings().get("githubUser");
            assertTrue(users.keySet().containsAll(logins), users.keySet().toString());
            assertEquals("Known user", users.get(knownLogin).path("title").asText());
            assertTrue(standIns.port.holdings().get("githubOrganization").keySet().containsAll(StandIns.ORGS));
            // the blueprints created declare the relations
            assertEquals("githubUser", standIns.port.blueprints().get("githubCopilotSeat").path("relations").path("githubUser")
                    .path("target").asText());
        }
    }

    @Test
    void without_the_github_integration_the_relations_are_left_out_with_one_line_each_and_the_run_succeeds(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir); LogCapture log = new LogCapture("INFO")) {
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
            for (Map.Entry<String, ObjectNode> bp : standIns.port.blueprints().entrySet()) {
                assertEquals(0, bp.getValue().path("relations").size(), bp.getKey() + " was created without relations: " + bp.getValue());
            }
            standIns.port.holdings().forEach((bp, byId) -> byId.values().forEach(e ->
                    assertEquals(0, e.path("relations").size(), bp + " entity sent without relations: " + e)));
            for (String target : GITHUB_INTEGRATION) {
                List<String> lines = log.lines().stream().filter(l -> l.contains("Port has no blueprint '" + target + "'")).toList();
                assertEquals(1, lines.size(), target + ": " + lines);
                assertTrue(lines.get(0).contains("install Port's GitHub integration"), lines.get(0));
            }
            assertTrue(log.lines().stream().filter(l -> l.contains("Port has no blueprint 'githubUser'")).findFirst().orElseThrow()
                    .contains("githubCopilotSeat.githubUser"));
        }
    }

    @Test
    void create_missing_related_entities_reaches_port_as_its_query_parameter_and_false_leaves_port_to_refuse(@TempDir Path dir)
            throws Exception {
        Path mappings = copyMappings(dir.resolve("mappings"), s -> s.replace("createMissingRelatedEntities: true",
                "createMissingRelatedEntities: false"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            installGitHubIntegration(standIns);
            standIns.env.put("MAPPING_FILE", mappings.resolve("port-app-config.yaml").toString());
            standIns.env.put("SYNC_KINDS", "copilot-seats");
            StandIns.Run run = standIns.run("--once");
            List<StandInServer.Request> writes = standIns.port.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().contains("/entities")).toList();
            assertTrue(!writes.isEmpty());
            writes.forEach(r -> assertTrue(("&" + r.query() + "&").contains("&create_missing_related_entities=false&"), r.query()));
            // Port holds no GitHub users or organizations: it refuses every seat, and the run says so
            assertNotEquals(0, run.exitCode(), run.out());
            assertTrue(run.out().contains("does not exist"), run.out());
            assertEquals(null, standIns.port.holdings().get("githubCopilotSeat"));
        }
        try (StandIns standIns = new StandIns(dir.resolve("default"))) {
            installGitHubIntegration(standIns);
            standIns.env.put("SYNC_KINDS", "copilot-seats");
            assertEquals(0, standIns.run("--once").exitCode());
            standIns.port.requests().stream().filter(r -> r.method().equals("POST") && r.path().contains("/entities"))
                    .forEach(r -> assertTrue(r.query().contains("create_missing_related_entities=true"), r.query()));
        }
    }

    @Test
    void validate_lists_the_relations_a_run_drops_for_a_target_blueprint_port_lacks(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            StandIns.Run without = standIns.run("validate");
            assertEquals(0, without.exitCode(), without.out() + without.err());
            assertTrue(without.out().contains("githubCopilotSeat.githubUser") && without.out().lines().anyMatch(l ->
                    l.contains("githubCopilotSeat.githubUser") && l.contains("will be dropped: Port has no blueprint 'githubUser'")),
                    without.out());
            assertTrue(without.out().lines().anyMatch(l -> l.contains("githubCopilotRepositoryUsage.githubRepository")
                    && l.contains("will be dropped")), without.out());
            installGitHubIntegration(standIns);
            StandIns.Run with = standIns.run("validate");
            assertEquals(0, with.exitCode(), with.out() + with.err());
            assertTrue(with.out().lines().noneMatch(l -> l.contains("will be dropped")), with.out());
            assertTrue(with.out().contains("Port has blueprint 'githubUser'"), with.out());
        }
    }

    @Test
    void preview_prints_the_relations_of_each_entity(@TempDir Path dir) throws Exception {
        ObjectNode seat = (ObjectNode) JSON.readTree(Path.of("src/main/resources/samples/copilot-seats.json").toFile()).get(0);
        seat.putObject("__organization").put("login", "octo-org");
        String login = seat.path("assignee").path("login").asText();
        Path sample = Files.writeString(dir.resolve("seat.json"), seat.toString());
        StandIns.Run run = StandIns.run(Map.of(), "", "preview", "--kind", "copilot-seats", "--input", sample.toString());
        assertEquals(0, run.exitCode(), run.err());
        ObjectNode first = (ObjectNode) JSON.readTree(run.out().lines().findFirst().orElseThrow());
        assertEquals(login, first.path("relations").path("githubUser").asText(), first.toString());
        assertEquals("octo-org", first.path("relations").path("githubOrganization").asText(), first.toString());
    }

    record SandboxTeam(String org, String slug, long id) {
    }

    static List<SandboxTeam> teamsOf(StandIns standIns) {
        return standIns.data.organizations().stream()
                .flatMap(o -> o.teams().stream().map(t -> new SandboxTeam(o.login(), t.slug(), t.id()))).toList();
    }

    /** mappings/ copied, its port-app-config.yaml edited. */
    static Path copyMappings(Path to, java.util.function.UnaryOperator<String> edit) throws Exception {
        Path from = Path.of("mappings");
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path config = to.resolve("port-app-config.yaml");
        Files.writeString(config, edit.apply(Files.readString(config)));
        return to;
    }
}
