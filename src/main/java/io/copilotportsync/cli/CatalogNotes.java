package io.copilotportsync.cli;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.mapping.MappingDefinition;
import io.copilotportsync.port.Blueprints;
import io.copilotportsync.port.CatalogRelations;
import io.copilotportsync.port.PortTokenCache;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code validate}: the relations to blueprints the sync does not ship (Port's GitHub integration's), one line a
 * target. With Port's credentials, Port is asked which it has, and the relations a run would leave out are named;
 * without, the lines say what each relation needs.
 */
final class CatalogNotes {
    private CatalogNotes() {
    }

    /** @param settings with Port's credentials to ask Port, or null to list what is needed */
    static void print(SyncSettings settings, java.nio.file.Path mappingFile, PrintStream out) {
        Blueprints blueprints = Blueprints.read(mappingFile.toAbsolutePath().getParent().resolve("blueprints"));
        CatalogRelations catalog = new CatalogRelations(blueprints, MappingDefinition.read(mappingFile));
        Map<String, Map<String, String>> relations = catalog.relationsOf();
        for (String target : catalog.externalTargets()) {
            List<String> from = relations.entrySet().stream().flatMap(b -> b.getValue().entrySet().stream()
                    .filter(r -> r.getValue().equals(target)).map(r -> b.getKey() + "." + r.getKey())).toList();
            Boolean present = settings == null ? null : has(settings, target);
            String names = String.join(", ", from);
            if (Boolean.TRUE.equals(present)) {
                out.println("relations " + names + ": Port has blueprint '" + target + "', entities relate to it");
            } else if (Boolean.FALSE.equals(present)) {
                out.println("relations " + names + " will be dropped: Port has no blueprint '" + target
                        + "' (install Port's GitHub integration, or create it, to get them)");
            } else {
                out.println("relations " + names + " need blueprint '" + target + "' in Port (Port's GitHub integration); "
                        + "where Port has none they are left out");
            }
        }
    }

    /** Whether Port has the blueprint; null when Port did not say (the connectivity check reports why). */
    private static Boolean has(SyncSettings settings, String blueprint) {
        try {
            io.copilotportsync.http.Network network = new io.copilotportsync.http.Network(settings.network());
            String api = settings.routeProperties().get("port.api-url");
            String token = new PortTokenCache(api, settings.portClientId(), settings.portClientSecret(), Clock.systemUTC(), network).token();
            HttpResponse<Void> answer = network.httpClient().connectTimeout(Duration.ofSeconds(10)).build().send(HttpRequest.newBuilder(
                    URI.create(api + "/v1/blueprints/" + blueprint)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200 ? Boolean.TRUE : answer.statusCode() == 404 ? Boolean.FALSE : null;
        } catch (Exception e) {
            return null;
        }
    }
}
