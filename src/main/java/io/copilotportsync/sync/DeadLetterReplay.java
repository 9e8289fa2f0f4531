package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.jq.JqJson;
import io.copilotportsync.state.LocalWriteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ExchangeProperty;

/**
 * {@code replay-dead-letters}: the raw records kept in dead letters go through the routes again, as a run would
 * send them (routes/replay.camel.yaml), so that a fixed mapping, or an upgrade that reads a shape it could not,
 * delivers them. The letters replayed are removed from their files afterwards: what is delivered is gone, and what
 * fails or is dropped again has been dead-lettered anew, with today's reason. Entities Port refused are sent again
 * as they were.
 */
public final class DeadLetterReplay {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PORT_SOURCE = "port bulk upsert to ";
    private static final String ENTERPRISE = "enterprise:";

    /** One line of a dead-letter file, and where it stands. */
    public record Letter(Path file, String line, JsonNode letter) {
    }

    private final java.nio.file.Path mappingFile;

    public DeadLetterReplay(java.nio.file.Path mappingFile) {
        this.mappingFile = mappingFile;
    }

    /** The letters of one file, or of every file under DATA_DIR/dead-letter/ (oldest first) when file is null. */
    public static List<Letter> read(Path dataDir, Path file) throws IOException {
        List<Path> files = new ArrayList<>();
        if (file != null) {
            files.add(file);
        } else if (Files.isDirectory(dataDir.resolve("dead-letter"))) {
            try (Stream<Path> listed = Files.list(dataDir.resolve("dead-letter"))) {
                listed.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted().forEach(files::add);
            }
        }
        List<Letter> letters = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode letter = JSON.readTree(line);
                    if (letter.hasNonNull("kind") && letter.has("payload")) {
                        letters.add(new Letter(f, line, letter));
                    }
                }
            }
        }
        return letters;
    }

    /**
     * Sets what a job's routes read (kind, scope, day, source) from the letter (the body), and gives its payload:
     * property "replay" says where it goes: "entity" (Port refused it: sent again as it was), "shape" (a report line
     * kept as text: shaped as when it was read), or "record" (a raw record: mapped).
     */
    public JsonNode prepare(@Body Letter l, @ExchangeProperties Map<String, Object> properties) {
        JsonNode letter = l.letter();
        String kind = letter.path("kind").asText();
        String scope = letter.path("scope").asText();
        properties.put(PropertyNames.KIND, kind);
        properties.put(PropertyNames.SCOPE, scope);
        if (letter.path("day").isTextual()) {
            properties.put(PropertyNames.DAY, letter.path("day").asText());
        } else {
            properties.remove(PropertyNames.DAY);
        }
        String source = letter.path("source").asText();
        properties.put(PropertyNames.SOURCE, "dead letter of " + l.file().getFileName() + ": " + source);
        JsonNode payload = letter.get("payload");
        SourceKind of = SourceKind.of(kind, mappingFile);
        if (source.startsWith(PORT_SOURCE)) {
            properties.put(PropertyNames.REPLAY, "entity");
            properties.put(PropertyNames.BLUEPRINT, source.substring(PORT_SOURCE.length()));
        } else if (payload.isTextual() && of.family() == SourceKind.Family.DAILY_REPORT) {
            properties.put(PropertyNames.REPLAY, "shape");
            properties.put(PropertyNames.REPORT_NAME, of.report());
        } else {
            properties.put(PropertyNames.REPLAY, "record");
        }
        properties.put(PropertyNames.CONTEXT_KEY, scope.startsWith(ENTERPRISE) ? "__enterprise" : "__organization");
        return payload;
    }

    /** A letter's payload as a record: a line kept as text is parsed again (still not JSON: dead-lettered again). */
    public JsonNode record(@Body JsonNode payload) throws IOException {
        return payload.isTextual() ? JSON.readTree(payload.asText()) : payload;
    }

    /** The scope's object for a replayed record: the one it was read with when it kept it, else the scope's name. */
    public JsonNode context(@Body JsonNode record, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                            @ExchangeProperty(PropertyNames.CONTEXT_KEY) String contextKey) {
        boolean enterprise = scope.startsWith(ENTERPRISE);
        JsonNode context = record != null && record.isObject() && record.get(contextKey) instanceof ObjectNode own ? own
                : JSON.createObjectNode().put(enterprise ? "slug" : "login", enterprise ? scope.substring(ENTERPRISE.length()) : scope);
        return JqJson.normalize(context);
    }

    /**
     * After the replay: every letter replayed is taken out of its file (a file left empty is deleted), unless the
     * run failed as a whole (Port unreachable at start, a local fault), when the letters stay as they were.
     */
    public static void remove(List<Letter> replayed, SyncSummary summary) {
        if (!summary.runErrors().isEmpty()) {
            return;
        }
        Map<Path, Map<String, Integer>> byFile = new LinkedHashMap<>();
        replayed.forEach(l -> byFile.computeIfAbsent(l.file(), f -> new HashMap<>()).merge(l.line(), 1, Integer::sum));
        byFile.forEach((file, lines) -> {
            try {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (lines.getOrDefault(line, 0) > 0) {
                        lines.merge(line, -1, Integer::sum);
                    } else if (!line.isBlank()) {
                        kept.add(line);
                    }
                }
                if (kept.isEmpty()) {
                    Files.delete(file);
                } else {
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    Files.write(tmp, kept, StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new LocalWriteException("the dead-letter file", file, e);
            }
        });
    }
}
