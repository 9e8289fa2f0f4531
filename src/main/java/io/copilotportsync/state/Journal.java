package io.copilotportsync.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of lines. A write that fails (disk full, read-only) is undone: the file is cut back to where
 * it was, so it never ends in half a line, and the failure is a {@link LocalWriteException} naming the file. Lines
 * may be held back and written in blocks ({@link #hold}); {@link #flush} writes them.
 */
public final class Journal implements AutoCloseable {
    private final Path file;
    private final String what;
    private final FileChannel channel;
    private final StringBuilder held = new StringBuilder();
    private int heldLines;

    Journal(Path file, String what) throws IOException {
        this.file = file;
        this.what = what;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Appends one line to a file that is not kept open (opened, written whole or not at all, closed). */
    public static void appendOnce(Path file, String what, String line) {
        try (Journal journal = new Journal(file, what)) {
            journal.append(line);
        } catch (IOException e) {
            throw new LocalWriteException(what, file, e);
        }
    }

    /** Writes the line, and any held back before it, now. */
    void append(String line) {
        held.append(line).append('\n');
        heldLines++;
        flush();
    }

    /** Keeps the line to be written with the next block; answers how many lines are held. */
    int hold(String line) {
        held.append(line).append('\n');
        return ++heldLines;
    }

    void flush() {
        if (held.length() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(held.toString().getBytes(StandardCharsets.UTF_8));
        long before = -1;
        try {
            before = channel.size();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            held.setLength(0);
            heldLines = 0;
        } catch (IOException e) {
            undo(before);
            throw new LocalWriteException(what, file, e);
        }
    }

    private void undo(long size) {
        if (size < 0) {
            return;
        }
        try {
            channel.truncate(size);
        } catch (IOException ignored) {
            // the file system refuses even that: reading back skips a torn last line, as after a crash
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
