package io.copilotportsync.state;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * hashes.log and the table it is read into ({@link AcknowledgedHashes}): lines appended as Port acknowledges, read
 * back and rewritten line by line (a year's journal never in memory whole), leaving out the entities of final days.
 * Not thread-safe: {@link FileSyncState} calls it under its own lock.
 */
final class HashJournal {
    private static final int FLUSH_EVERY = 512;
    /** Compacted at a run's end once it holds this many times the lines it would after compaction. */
    private static final int COMPACT_AT_GROWTH = 3;
    private static final int COMPACT_AT_LEAST = 100_000;

    private final Path file;
    private final AcknowledgedHashes table;
    private final AcknowledgedHashes.Settled settled;
    private Journal journal;
    private long lines;

    HashJournal(Path file, AcknowledgedHashes table, AcknowledgedHashes.Settled settled) throws IOException {
        this.file = file;
        this.table = table;
        this.settled = settled;
        if (Files.exists(file)) {
            read();
        }
        journal = new Journal(file, "the sync state");
    }

    private void read() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                HashLine h = HashLine.parse(line);
                if (h == null) {
                    continue; // the last line of a killed process, cut short
                }
                if (h.forgotten()) {
                    table.remove(h.blueprint(), h.identifier());
                } else if (h.day() == null || !settled.settled(h.kind(), h.scope(), h.day())) {
                    table.put(h.blueprint(), h.identifier(), h.hash(), h.kind(), h.scope(), h.day());
                }
            }
        }
    }

    /** Held and written in blocks: a hash lost to a crash (or a failed write) only means that entity is sent once more. */
    void record(HashLine line) {
        lines++;
        if (journal.hold(line.toString()) >= FLUSH_EVERY) {
            journal.flush();
        }
    }

    void forget(String blueprint, String identifier) {
        journal.append(HashLine.forgotten(blueprint, identifier).toString());
        lines++;
    }

    void flush() {
        journal.flush();
    }

    boolean grown() {
        return lines > COMPACT_AT_LEAST && lines > (long) table.size() * COMPACT_AT_GROWTH;
    }

    /** Closes the file; what is still held is dropped (after a failed write it is what could not be written). */
    void close() throws IOException {
        journal.close();
    }

    void reopen() throws IOException {
        journal = new Journal(file, "the sync state");
    }

    /** Rewrites the closed journal with the first line that holds each entity's current hash; final days left out. */
    void compact() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        table.prune();
        table.compacting();
        long kept = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                HashLine h = HashLine.parse(line);
                if (h != null && !h.forgotten() && table.firstWrite(h.blueprint(), h.identifier(), h.hash())) {
                    out.write(line);
                    out.write('\n');
                    kept++;
                }
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the half-written temporary file is never read
            }
            throw new LocalWriteException("the sync state", file, e);
        } finally {
            table.compacted();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalWriteException("the sync state", file, e);
        }
        lines = kept;
    }
}
