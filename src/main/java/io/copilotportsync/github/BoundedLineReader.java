package io.copilotportsync.github;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UTF-8 lines of a stream (ended by LF or CRLF; the last needs no end), each at most a given number of bytes. A
 * line is held whole before it is parsed, so one of hundreds of megabytes would take the heap with it: a longer line
 * is refused as soon as it passes the limit, without reading the rest of it.
 */
final class BoundedLineReader implements Closeable {
    /** A line passed the limit; nothing of it is handed out. */
    static final class LineTooLong extends RuntimeException {
        LineTooLong() {
            super(null, null, false, false);
        }
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    /** A line that spans buffer fills, collected here. */
    private byte[] spill = new byte[0];
    private int spilled;

    BoundedLineReader(InputStream in, int limitBytes) {
        this.in = in;
        this.limit = limitBytes;
    }

    /** The next line without its end, or null at the end of the stream. */
    String readLine() throws IOException {
        spilled = 0;
        boolean begun = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buffer);
                if (n <= 0) {
                    pos = end = 0;
                    return begun ? text(buffer, 0, 0) : null;
                }
                pos = 0;
                end = n;
            }
            begun = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            if (spilled + (pos - start) > limit + 1) { // + 1: a CR before the LF is not the line's
                throw new LineTooLong();
            }
            if (pos < end) {
                pos++; // the LF
                return text(buffer, start, pos - 1 - start);
            }
            spill(start, pos - start);
        }
    }

    /** The line: what was spilled, then buffer[from, from + length); without a trailing CR. */
    private String text(byte[] bytes, int from, int length) {
        byte[] source = bytes;
        int offset = from;
        int total = length;
        if (spilled > 0) {
            spill(from, length);
            source = spill;
            offset = 0;
            total = spilled;
        }
        if (total > 0 && source[offset + total - 1] == '\r') {
            total--;
        }
        if (total > limit) {
            throw new LineTooLong();
        }
        return new String(source, offset, total, StandardCharsets.UTF_8);
    }

    private void spill(int from, int length) {
        if (spilled + length > spill.length) {
            spill = Arrays.copyOf(spill, Math.max(spilled + length, Math.min(limit + 2, Math.max(1024, spill.length * 2))));
        }
        System.arraycopy(buffer, from, spill, spilled, length);
        spilled += length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
