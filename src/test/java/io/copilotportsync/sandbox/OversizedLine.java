package io.copilotportsync.sandbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A report file whose one line is a JSON object of the given size (hundreds of megabytes, say), produced as it is
 * read: the stand-in can serve it without holding it.
 */
public final class OversizedLine extends InputStream {
    private final byte[] head;
    private final byte[] tail = "\"}\n".getBytes(StandardCharsets.UTF_8);
    private final long size;
    private long sent;

    /** @param bytes the line's length, its newline included */
    public OversizedLine(String day, long bytes) {
        this.head = ("{\"day\":\"" + day + "\",\"padding\":\"").getBytes(StandardCharsets.UTF_8);
        this.size = Math.max(bytes, head.length + tail.length);
    }

    @Override
    public int read() {
        if (sent >= size) {
            return -1;
        }
        long at = sent++;
        if (at < head.length) {
            return head[(int) at];
        }
        long fromEnd = size - at;
        return fromEnd <= tail.length ? tail[tail.length - (int) fromEnd] : 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (sent >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - sent);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) read();
        }
        return n;
    }
}
