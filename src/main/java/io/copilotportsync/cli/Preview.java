package io.copilotportsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingOutcome;
import io.copilotportsync.mapping.PortEntity;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code preview --kind KIND --input FILE}: the mapping applied offline, one entity a line, like Port's jq playground. */
public final class Preview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Preview() {
    }

    /** Reads raw items (a JSON array, one object, or NDJSON) and prints each entity; drops go to {@code err}. */
    public static int run(MappingEngine engine, String kind, String input, InputStream stdin, PrintStream out, PrintStream err)
            throws IOException {
        if (!engine.kinds().contains(kind)) {
            throw new ConfigurationException(engine.definition().file() + " has no resource of kind '" + kind
                    + "'; kinds there: " + String.join(", ", engine.kinds()));
        }
        InputStream in;
        try {
            in = "-".equals(input) ? stdin : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("preview input not found: " + input);
        }
        int entities = 0;
        long item = 0;
        try (in; MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                for (JsonNode raw : value.isArray() ? value : java.util.List.of(value)) {
                    item++;
                    MappingOutcome outcome = engine.map(kind, raw);
                    for (PortEntity e : outcome.entities()) {
                        out.println(line(e));
                        entities++;
                    }
                    for (String error : outcome.errors()) {
                        err.println("item " + item + ": error: " + error);
                    }
                    for (String reason : outcome.dropped()) {
                        err.println("item " + item + ": dropped: " + reason);
                    }
                    for (String reason : outcome.refused()) {
                        err.println("item " + item + ": cannot be delivered: " + reason);
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigurationException("preview input " + input + " is not JSON or NDJSON after item " + item
                    + ": " + e.getOriginalMessage());
        }
        err.println(item + " items, " + entities + " entities");
        return 0;
    }

    private static String line(PortEntity e) {
        ObjectNode line = JSON.createObjectNode();
        line.put("blueprint", e.blueprint());
        line.put("identifier", e.identifier());
        line.set("title", e.body().get("title"));
        line.set("properties", e.body().get("properties"));
        line.set("relations", e.body().get("relations"));
        return line.toString();
    }
}
