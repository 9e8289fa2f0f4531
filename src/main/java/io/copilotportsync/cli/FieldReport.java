package io.copilotportsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.mapping.MappingDefinition;
import io.copilotportsync.mapping.MappingFields;
import io.copilotportsync.mapping.MappingValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code validate}'s word on drift: per kind, the fields of GitHub's sample items (shipped in the jar, or a file the
 * user saved from a real report with {@code --sample FILE --kind KIND}) that no expression of the mapping uses.
 */
final class FieldReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldReport() {
    }

    /** @param sample a JSON array or NDJSON file of raw items of {@code sampleKind}; null: the shipped samples of every kind */
    static void print(MappingDefinition definition, Path sample, String sampleKind, PrintStream out) {
        MappingFields fields = MappingFields.of(definition);
        Set<String> kinds = new LinkedHashSet<>();
        definition.resources().forEach(r -> kinds.add(r.kind()));
        for (String kind : kinds) {
            if (sample != null && !kind.equals(sampleKind) || ownItems(kind, definition)) {
                continue;
            }
            Set<String> unused = fields.unused(kind, sample != null ? read(sample) : MappingValidator.shippedSamples(kind));
            if (!unused.isEmpty()) {
                out.println(MappingFields.line(kind, unused));
            }
        }
        if (sample != null && !kinds.contains(sampleKind)) {
            throw new ConfigurationException("validate --kind: the mapping has no resource of kind '" + sampleKind + "'");
        }
    }

    /** The team kind's items are the sync's own aggregates: nothing GitHub sent to name (as a run does). */
    private static boolean ownItems(String kind, MappingDefinition definition) {
        return io.copilotportsync.sync.SourceKind.names().contains(kind)
                && io.copilotportsync.sync.SourceKind.of(kind, definition.file()).family() == io.copilotportsync.sync.SourceKind.Family.TEAM_REPORT;
    }

    private static List<JsonNode> read(Path file) {
        List<JsonNode> items = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(Files.newInputStream(file))) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                (value.isArray() ? value : List.of(value)).forEach(items::add);
            }
        } catch (IOException e) {
            throw new ConfigurationException("validate --sample " + file + ": not a JSON or NDJSON file of raw items ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return items;
    }
}
