package io.copilotportsync.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SyncState} in files under DATA_DIR/state: append-only journals (days.log, hashes.log), each line written
 * as it happens, so that a process killed at any moment loses at most the line being written; read back at start
 * (the last line of a key wins) and compacted on a clean close, and at the end of a run once a journal holds
 * several times what it would compacted (a service runs for months without closing). The hashes of final days are
 * let go ({@link AcknowledgedHashes}), so the journal and the heap stay about the days still open. A write that fails leaves the files as they were
 * and this state refusing every further write until the next run ({@link #refresh}): the run stops, and nothing it
 * did after the failure is recorded. One process at a time: see {@link DataDirLock}.
 */
public final class FileSyncState implements SyncState {
    private final Path dir;
    private final Map<String, Map<LocalDate, DayRecord>> days = new ConcurrentHashMap<>();
    private final AcknowledgedHashes hashes = new AcknowledgedHashes(this::settled);
    private Journal dayLog;
    private final HashJournal hashLog;
    private final DataDirLock lock;
    /** Lines in days.log now: with the days held, they tell when a run's end should compact it. */
    private long dayLines;
    private static final int DAY_LINES_BEFORE_COMPACTING = 10_000;
    /** The write that failed in this run, if one did: every further write fails with it. */
    private volatile LocalWriteException failed;

    public FileSyncState(Path dataDir) {
        this.dir = dataDir.resolve("state");
        // before the journals are read: a second writer would interleave its lines with ours
        this.lock = DataDirLock.acquire(dir);
        try {
            Files.createDirectories(dir.resolve("produced"));
            readDays(dir.resolve("days.log"));
            dayLog = new Journal(dir.resolve("days.log"), "the sync state");
            hashLog = new HashJournal(dir.resolve("hashes.log"), hashes, this::settled);
        } catch (IOException e) {
            lock.close();
            throw new io.copilotportsync.config.ConfigurationException("cannot open the sync state under " + dir + ": "
                    + LocalWriteException.reason(e) + " (DATA_DIR must be a directory this process can write)");
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void readDays(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            dayLines++;
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

    /** A day no run reads again (final): the hashes of its entities are of no more use. */
    private boolean settled(String kind, String scope, LocalDate day) {
        DayRecord r = days.getOrDefault(kind + "\t" + scope, Map.of()).get(day);
        return r != null && r.status() == DayStatus.FINAL;
    }

    @Override
    public Map<LocalDate, DayRecord> days(String kind, String scope) {
        return new TreeMap<>(days.getOrDefault(kind + "\t" + scope, Map.of()));
    }

    @Override
    public synchronized void recordDay(String kind, String scope, LocalDate day, DayStatus status) {
        refuseAfterFailure();
        Map<LocalDate, DayRecord> of = days.computeIfAbsent(kind + "\t" + scope, k -> new ConcurrentHashMap<>());
        DayRecord before = of.get(day);
        DayRecord now = new DayRecord(status, before == null ? 1 : before.attempts() + 1);
        try {
            dayLog.append(kind + "\t" + scope + "\t" + day + "\t" + status + "\t" + now.attempts());
            dayLines++;
        } catch (LocalWriteException e) {
            throw failed(e);
        }
        of.put(day, now);
    }

    private void refuseAfterFailure() {
        if (failed != null) {
            throw failed;
        }
    }

    private LocalWriteException failed(LocalWriteException e) {
        failed = e;
        return e;
    }

    /** A new run writes again: the fault may be mended (space freed), and if not, its first write says so. */
    @Override
    public void refresh() {
        failed = null;
    }

    @Override
    public boolean acknowledged(String blueprint, String identifier, String hash) {
        return hashes.acknowledged(blueprint, identifier, hash);
    }

    @Override
    public synchronized void recordHash(String kind, String scope, LocalDate day, String blueprint, String identifier, String hash) {
        refuseAfterFailure();
        if (hashes.put(blueprint, identifier, hash, kind, scope, day)) {
            try {
                hashLog.record(new HashLine(blueprint, identifier, hash, kind, scope, day));
            } catch (LocalWriteException e) {
                throw failed(e);
            }
        }
    }

    private void flushHashes() {
        try {
            hashLog.flush();
        } catch (LocalWriteException e) {
            throw failed(e);
        }
    }

    @Override
    public synchronized void forgetHash(String blueprint, String identifier) {
        refuseAfterFailure();
        if (hashes.remove(blueprint, identifier)) {
            try {
                hashLog.forget(blueprint, identifier);
            } catch (LocalWriteException e) {
                // the entity is sent once more next time: the one harm a lost hash can do
                throw failed(e);
            }
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
        refuseAfterFailure();
        try {
            writeAtomically(producedFile(kind, scope), String.join("\n", entities.stream().sorted().toList()));
        } catch (LocalWriteException e) {
            throw failed(e);
        }
    }

    private Path producedFile(String kind, String scope) {
        return dir.resolve("produced").resolve((kind + "@" + scope).replaceAll("[^A-Za-z0-9@._-]", "_") + ".txt");
    }

    /** A whole file replaced at once: the old one stays until the new one is written whole. */
    private static void writeAtomically(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the half-written temporary file is never read
            }
            throw new LocalWriteException("the sync state", file, e);
        }
    }

    /** Writes what is held; at the end of a run, also compacts journals that have grown well past what they hold. */
    @Override
    public synchronized void flush() {
        refuseAfterFailure();
        flushHashes();
        if (hashLog.grown() || dayLines > DAY_LINES_BEFORE_COMPACTING && dayLines > dayCount() * 3) {
            try {
                closeJournals();
                compact();
                dayLog = new Journal(dir.resolve("days.log"), "the sync state");
                hashLog.reopen();
            } catch (IOException e) {
                throw failed(new LocalWriteException("the sync state", dir, e));
            } catch (LocalWriteException e) {
                throw failed(e);
            }
        }
    }

    private long dayCount() {
        return days.values().stream().mapToLong(Map::size).sum();
    }

    /** Compacts the journals to one line a key, and lets go of the directory. */
    @Override
    public synchronized void close() {
        try {
            boolean written = failed == null && flushedOnClose();
            try {
                closeJournals();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (written) {
                compact();
            } // else the journals hold what was written before the fault; compacting now could only make it worse
        } finally {
            lock.close();
        }
    }

    private boolean flushedOnClose() {
        try {
            hashLog.flush();
            return true;
        } catch (LocalWriteException e) {
            failed = e;
            return false;
        }
    }

    private void closeJournals() throws IOException {
        dayLog.close();
        hashLog.close();
    }

    private void compact() {
        StringBuilder d = new StringBuilder();
        days.forEach((key, byDay) -> new TreeMap<>(byDay).forEach((day, r) ->
                d.append(key).append('\t').append(day).append('\t').append(r.status()).append('\t').append(r.attempts()).append('\n')));
        writeAtomically(dir.resolve("days.log"), d.toString());
        dayLines = dayCount();
        hashLog.compact();
    }
}
