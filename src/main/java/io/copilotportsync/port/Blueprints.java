package io.copilotportsync.port;

import io.copilotportsync.flow.PropertyNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default blueprints under mappings/blueprints/: created in Port when missing, never overwritten. */
public final class Blueprints {
    private static final Logger LOG = LoggerFactory.getLogger(Blueprints.class);

    /** One blueprint file: its identifier and the JSON Port's create endpoint takes. */
    public record Blueprint(String identifier, Path file, String json) {
    }

    private final List<Blueprint> all;

    public Blueprints(List<Blueprint> all) {
        this.all = List.copyOf(all);
    }

    public static Blueprints read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new Blueprints(List.of());
        }
        List<Blueprint> found = DefinitionFiles.read(dir, "blueprint").stream()
                .map(d -> new Blueprint(d.identifier(), d.file(), d.json())).toList();
        return new Blueprints(found);
    }

    public List<Blueprint> all() {
        return all;
    }

    /** The blueprint file of that identifier, or null when mappings/blueprints/ has none. */
    public Blueprint find(String identifier) {
        return all.stream().filter(b -> b.identifier().equals(identifier)).findFirst().orElse(null);
    }

    /**
     * Reads Port's answer to GET or POST of a blueprint; a 409 to the POST means it exists (a race, not a failure);
     * anything unexpected stops the run with a clear reason.
     */
    public void checkAnswer(@ExchangeProperty(PropertyNames.BLUEPRINT) Blueprint blueprint, @ExchangeProperty(PropertyNames.STATUS) int status,
                            @ExchangeProperty(PropertyNames.BLUEPRINT_STEP) String method, @Body String answer) {
        if ("create".equals(method) && (status == 200 || status == 201)) {
            LOG.info("Created blueprint '{}' in Port from {}", blueprint.identifier(), blueprint.file());
            return;
        }
        if ("create".equals(method) && status == 409) {
            // Port's identifier_taken: another run or replica created it between our check and our create; it exists
            LOG.info("Blueprint '{}' was created meanwhile by someone else (Port answered 409); using it as it is", blueprint.identifier());
            return;
        }
        if ("check".equals(method) && (status == 200 || status == 404)) {
            return;
        }
        throw new PortException("Port answered " + status + " when we " + method + "ed blueprint '"
                + blueprint.identifier() + "' (" + blueprint.file() + "): " + answer);
    }
}
