package io.copilotportsync.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashSet;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SyncState} in files under DATA_DIR/state: append-only journals (days.log, hashes.log), each line written
 * as it happens, so that a process killed at any moment loses at most the line being written; read back at start
 * (the last line of a key wins) and compacted on a clean close.
 */
public final class FileSyncState implements SyncState {
    private final Path dir;
    private final Map<String, Map<LocalDate, DayRecord>> days = new ConcurrentHashMap<>();
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final BufferedWriter dayLog;
    private final BufferedWriter hashLog;
    private static final int HASH_FLUSH_EVERY = 512;
    private int unflushedHashes;

    public FileSyncState(Path dataDir) {
        this.dir = dataDir.resolve("state");
        try {
            Files.createDirectories(dir.resolve("produced"));
            readDays(dir.resolve("days.log"));
            readHashes(dir.resolve("hashes.log"));
            dayLog = append(dir.resolve("days.log"));
            hashLog = append(dir.resolve("hashes.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sync state under " + dir + " (DATA_DIR)", e);
        }
    }

    private static BufferedWriter append(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void readDays(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                try {
                    days.computeIfAbsent(f[0] + "\t" + f[1], k -> new ConcurrentHashMap<>())
                            .put(LocalDate.parse(f[2]), new DayRecord(DayStatus.valueOf(f[3]), Integer.parseInt(f[4])));
                } catch (RuntimeException torn) {
                    // the last line of a killed process may be cut short: it is the one thing that is lost
                }
            }
        }
    }

    private void readHashes(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[2].length() == 32) {
                hashes.put(f[0] + "\t" + f[1], f[2]);
            } else if (f.length == 3 && f[2].equals("-")) {
                hashes.remove(f[0] + "\t" + f[1]);
            }
        }
    }

    @Override
    public Map<LocalDate, DayRecord> days(String kind, String scope) {
        return new TreeMap<>(days.getOrDefault(kind + "\t" + scope, Map.of()));
    }

    @Override
    public synchronized void recordDay(String kind, String scope, LocalDate day, DayStatus status) {
        Map<LocalDate, DayRecord> of = days.computeIfAbsent(kind + "\t" + scope, k -> new ConcurrentHashMap<>());
        DayRecord before = of.get(day);
        DayRecord now = new DayRecord(status, before == null ? 1 : before.attempts() + 1);
        of.put(day, now);
        write(dayLog, kind + "\t" + scope + "\t" + day + "\t" + status + "\t" + now.attempts());
    }

    @Override
    public String hash(String blueprint, String identifier) {
        return hashes.get(blueprint + "\t" + identifier);
    }

    @Override
    public synchronized void recordHash(String blueprint, String identifier, String hash) {
        if (!hash.equals(hashes.put(blueprint + "\t" + identifier, hash))) {
            // flushed in blocks: a hash lost to a crash only means that entity is sent once more
            writeUnflushed(hashLog, blueprint + "\t" + identifier + "\t" + hash);
            if (++unflushedHashes >= HASH_FLUSH_EVERY) {
                flush(hashLog);
                unflushedHashes = 0;
            }
        }
    }

    @Override
    public synchronized void forgetHash(String blueprint, String identifier) {
        if (hashes.remove(blueprint + "\t" + identifier) != null) {
            write(hashLog, blueprint + "\t" + identifier + "\t-");
        }
    }

    @Override
    public Set<String> produced(String kind, String scope) {
        Path file = producedFile(kind, scope);
        try {
            return Files.exists(file) ? new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void recordProduced(String kind, String scope, Set<String> entities) {
        writeAtomically(producedFile(kind, scope), String.join("\n", entities.stream().sorted().toList()));
    }

    private Path producedFile(String kind, String scope) {
        return dir.resolve("produced").resolve((kind + "@" + scope).replaceAll("[^A-Za-z0-9@._-]", "_") + ".txt");
    }

    private static void writeUnflushed(BufferedWriter log, String line) {
        try {
            log.write(line);
            log.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync state", e);
        }
    }

    private static void flush(BufferedWriter log) {
        try {
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync state", e);
        }
    }

    private static void write(BufferedWriter log, String line) {
        try {
            log.write(line);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync state", e);
        }
    }

    private void writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void flush() {
        flush(hashLog);
    }

    /** Compacts the journals to one line a key. */
    @Override
    public synchronized void close() {
        try {
            dayLog.close();
            hashLog.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder d = new StringBuilder();
        days.forEach((key, byDay) -> new TreeMap<>(byDay).forEach((day, r) ->
                d.append(key).append('\t').append(day).append('\t').append(r.status()).append('\t').append(r.attempts()).append('\n')));
        writeAtomically(dir.resolve("days.log"), d.toString());
        StringBuilder h = new StringBuilder();
        hashes.forEach((key, hash) -> h.append(key).append('\t').append(hash).append('\n'));
        writeAtomically(dir.resolve("hashes.log"), h.toString());
    }
}
