package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With GITHUB_ORGS empty, every organization the token can see (/user/orgs, paged) is synced with its full object. */
class OrganizationDiscoveryTest {

    @Test
    void every_organization_of_user_orgs_is_synced_and_mappings_see_the_full_organization_object(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.remove("GITHUB_ORGS");
            standIns.env.put("MAPPING_FILE", "src/test/resources/fixtures/discovery/port-app-config.yaml");
            GitHubFaults.of(standIns.github).maxPageSize(1);
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            List<String> pages = standIns.github.requests().stream().filter(r -> r.path().equals("/user/orgs"))
                    .map(StandInServer.Request::query).toList();
            assertEquals(List.of("per_page=100", "per_page=100&page=2"), pages, "two organizations at one a page");
            Map<String, ObjectNode> held = standIns.port.holdings().get("discoveredOrganization");
            assertEquals(List.copyOf(StandIns.ORGS).stream().sorted().toList(), List.copyOf(held.keySet()));
            for (String org : StandIns.ORGS) {
                ObjectNode expected = standIns.data.organizationObject(standIns.data.organization(org));
                assertEquals(expected.get("node_id"), held.get(org).get("properties").get("node_id"));
                assertEquals(expected.get("description"), held.get(org).get("properties").get("description"));
            }
        }
    }
}
