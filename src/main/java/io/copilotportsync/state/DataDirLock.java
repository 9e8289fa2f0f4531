package io.copilotportsync.state;

import io.copilotportsync.config.ConfigurationException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per state directory: an OS lock on DATA_DIR/state/sync.lock, held from start to close. A killed
 * process loses its OS lock with it, so a stale lock is never in the way; the file's text (pid, host, since) only
 * names the holder in the refusal. Embedded state only: cluster mode coordinates through its database.
 */
public final class DataDirLock implements AutoCloseable {
    static final String FILE = "sync.lock";

    /**
     * The locks this JVM holds, by directory. An OS lock belongs to the whole process, and on Linux closing any
     * channel on the file drops it, so a second instance in this JVM must be refused here, before it opens the file.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of a state directory (created if missing), or stops with who holds it. */
    public static DataDirLock acquire(Path stateDir) {
        Path dir;
        try {
            Files.createDirectories(stateDir);
            dir = stateDir.toRealPath();
        } catch (IOException e) {
            throw cannotOpen(stateDir, e);
        }
        String holder = "pid " + ProcessHandle.current().pid() + " on host " + host() + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String before = HELD.putIfAbsent(dir, holder);
        if (before != null) {
            throw inUse(stateDir, before + " (this process: another sync instance)");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held in this JVM, by a copy of this class HELD does not see (another class loader); this channel is
                // left open: closing it would drop that holder's lock with it
                HELD.remove(dir);
                throw inUse(stateDir, "this process (pid " + ProcessHandle.current().pid() + "), another sync instance");
            }
            if (lock == null) {
                String owner = read(channel);
                channel.close();
                HELD.remove(dir);
                throw inUse(stateDir, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(dir, channel, lock);
        } catch (IOException e) {
            HELD.remove(dir);
            closeQuietly(channel);
            throw cannotOpen(stateDir, e);
        }
    }

    /** Worded as the state's own journals word it (FileSyncState): the directory, the system's reason, the fix. */
    private static ConfigurationException cannotOpen(Path stateDir, IOException e) {
        return new ConfigurationException("cannot open the sync state under " + stateDir + ": " + LocalWriteException.reason(e)
                + " (DATA_DIR must be a directory this process can write)");
    }

    private static ConfigurationException inUse(Path stateDir, String holder) {
        return new ConfigurationException("DATA_DIR " + stateDir + " is in use by " + holder
                + "; one process syncs into a DATA_DIR at a time: wait for that run to end or stop it, or give this one a"
                + " DATA_DIR of its own (replicas share state through SYNC_DATABASE_URL, cluster mode)."
                + " A lock left by a killed process is released by the system, so the holder named is running");
    }

    /** The holder's own line, written when it took the lock; empty when it has not written it yet. */
    private static String read(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(512);
        channel.read(text, 0);
        String line = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
        return line.isEmpty() ? "another process (it has not written its pid yet)" : line;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String runtime = ManagementFactory.getRuntimeMXBean().getName();
            return runtime.contains("@") ? runtime.substring(runtime.indexOf('@') + 1) : "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock is given up either way
        }
    }

    /** Lets go of the lock; the file stays, so that a process opening it meanwhile locks the same file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        } finally {
            closeQuietly(channel);
            HELD.remove(dir);
        }
    }
}
