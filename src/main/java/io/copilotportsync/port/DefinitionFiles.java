package io.copilotportsync.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of Port definitions in Port's JSON (mappings/blueprints/, mappings/pages/), each with its identifier; a
 * file that is not JSON or has no identifier stops start-up naming it.
 */
final class DefinitionFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One definition file: its identifier, where it is, and its JSON. */
    record Definition(String identifier, Path file, String json) {
    }

    private DefinitionFiles() {
    }

    /** @param what "blueprint" or "page", for the messages */
    static List<Definition> read(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Definition> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node;
                try {
                    // Files, not File: the definitions shipped in the jar are read through its zip file system
                    node = JSON.readTree(Files.readString(file));
                } catch (IOException e) {
                    throw new ConfigurationException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
                String id = node.path("identifier").asText("");
                if (id.isEmpty()) {
                    throw new ConfigurationException(file + ": " + what + " has no 'identifier'");
                }
                found.add(new Definition(id, file, node.toString()));
            }
        } catch (IOException e) {
            throw new ConfigurationException(dir + ": cannot list " + what + " files: " + e.getMessage());
        }
        return found;
    }
}
