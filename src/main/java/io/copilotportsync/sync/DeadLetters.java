package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.logging.SecretRedactor;
import java.io.IOException;
import io.copilotportsync.state.Journal;
import io.copilotportsync.state.LocalWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Keeps what could not be written, with its reason: one NDJSON file a day under DATA_DIR/dead-letter/. */
public final class DeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public DeadLetters(Path dataDir) {
        this.dir = dataDir.resolve("dead-letter");
    }

    /** What became of a dead-lettered record. */
    public enum Outcome {
        /** It could not be read, shaped, mapped or delivered: its day is not final and is read again next run. */
        FAILED,
        /** The mapping dropped it on purpose (an empty identifier): its day is final; a changed mapping may replay it. */
        DROPPED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public synchronized void write(String kind, String scope, String day, Outcome outcome, String source, String reason, JsonNode payload) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("time", Instant.now().toString());
        letter.put("kind", kind);
        letter.put("scope", scope);
        letter.put("day", day);
        letter.put("outcome", outcome.word());
        letter.put("source", source);
        letter.put("reason", reason);
        letter.set("payload", payload);
        Path file = dir.resolve(LocalDate.now(ZoneOffset.UTC) + ".ndjson");
        String line;
        try {
            // the whole line: a payload may quote a remote answer as well as a reason may
            line = SecretRedactor.redact(JSON.writeValueAsString(letter));
        } catch (IOException e) {
            throw new IllegalStateException("a dead letter cannot be written as JSON", e);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LocalWriteException("the dead-letter file", file, e);
        }
        Journal.appendOnce(file, "the dead-letter file", line);
    }
}
