package io.copilotportsync.github;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A report file's body that fails when a read waits longer than the idle limit for its next bytes. The JDK client's
 * request timeout ends when the headers arrive; a host that then stops sending would hold the download (and its
 * job) forever. Only time spent waiting inside {@code read} counts: while the sync is busy with the lines already read
 * (Port slow, workers full), the body is not idle, it is simply not asked.
 */
final class IdleReadTimeout extends FilterInputStream {
    /** One daemon thread looks at every open download; it only closes streams, it never reads. */
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "report-download-idle-watch");
        t.setDaemon(true);
        return t;
    });

    private final Duration limit;
    private final ScheduledFuture<?> watch;
    /** When the read that is waiting now began (System.nanoTime), 0 when no read waits. */
    private volatile long waitingSince;
    private volatile boolean stalled;

    IdleReadTimeout(InputStream body, Duration limit) {
        super(body);
        this.limit = limit;
        long period = Math.max(10, limit.toMillis() / 4);
        this.watch = WATCH.scheduleAtFixedRate(this::look, period, period, TimeUnit.MILLISECONDS);
    }

    private void look() {
        long since = waitingSince;
        if (since != 0 && System.nanoTime() - since > limit.toNanos()) {
            stalled = true;
            watch.cancel(false);
            try {
                // closing the JDK client's body stream wakes the read that waits on it
                in.close();
            } catch (IOException ignored) {
                // the read ends either way; stalled says why
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        waitingSince = System.nanoTime();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw stalled ? stall() : e;
        } finally {
            waitingSince = 0;
        }
        // a closed stream reads as its end: that end is the stall's, not the file's
        if (stalled) {
            throw stall();
        }
        return n;
    }

    private IOException stall() {
        return new IOException("no bytes came for " + limit.toSeconds() + " s (the connection to the report host hangs)");
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }
}
