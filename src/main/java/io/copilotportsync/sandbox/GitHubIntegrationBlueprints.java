package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The blueprints Port's GitHub integration creates, as bare as Port takes them, that the sync's relations point at
 * (identifiers as that integration's default mapping gives them: README, In Port).
 */
public final class GitHubIntegrationBlueprints {
    public static final List<String> IDENTIFIERS = List.of("githubUser", "githubTeam", "githubOrganization", "githubRepository");

    private GitHubIntegrationBlueprints() {
    }

    public static void install(PortStandIn port) {
        ObjectMapper json = new ObjectMapper();
        for (String id : IDENTIFIERS) {
            ObjectNode blueprint = json.createObjectNode().put("identifier", id).put("title", id);
            blueprint.putObject("schema").putObject("properties");
            blueprint.putObject("relations");
            port.existingBlueprint(blueprint);
        }
    }
}
