package io.copilotportsync.github;

import java.util.BitSet;

/**
 * Which lines of one report file were processed (shaped and mapped, or dead-lettered), across the attempts to
 * download it. Lines are processed on several workers, so they finish out of order: a download that breaks off
 * and starts again skips exactly the lines processed, and reads again every line read but not processed, so that
 * no line is lost. A new attempt first waits (a little) for the lines still on the workers, so that none is done
 * twice; each line is marked done through the attempt that handed it out, so a late one is never taken for another.
 */
public final class FileProgress {
    /** How long a new attempt waits for the lines of the one before that are still being processed. */
    private static final long SETTLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final BitSet processed = new BitSet();
    /** Lines handed out by the attempts so far and not done yet (some may never be: the splitter dropped them). */
    private int outstanding;

    /** One attempt's lines, by their place in it: the holes left by the attempts before, then the rest of the file. */
    public static final class Attempt {
        private final int[] holes;
        private final int restFrom;

        private Attempt(int[] holes, int restFrom) {
            this.holes = holes;
            this.restFrom = restFrom;
        }

        /** The line (0-based, blank lines not counted) that this attempt handed out at this place (0-based). */
        public long line(int place) {
            return place < holes.length ? holes[place] : restFrom + (long) (place - holes.length);
        }
    }

    /** A new attempt reads the file from its start: it will hand out the lines not processed, in order. */
    public synchronized Attempt attemptStarts() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (outstanding > 0 && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        outstanding = 0;
        int end = processed.length();
        int[] holes = new int[end - processed.cardinality()];
        for (int line = processed.nextClearBit(0), i = 0; line < end; line = processed.nextClearBit(line + 1)) {
            holes[i++] = line;
        }
        return new Attempt(holes, end);
    }

    public synchronized boolean processed(long line) {
        return line < Integer.MAX_VALUE && processed.get((int) line);
    }

    /** A line was handed out to the workers. */
    synchronized void handedOut() {
        outstanding++;
    }

    /** The line the attempt handed out at this place was processed. */
    public synchronized void done(Attempt attempt, int place) {
        processed.set((int) attempt.line(place));
        outstanding = Math.max(0, outstanding - 1);
        notifyAll();
    }

    /** The lines the attempt handed out at places firstPlace .. firstPlace + count - 1 were processed. */
    public synchronized void done(Attempt attempt, int firstPlace, int count) {
        for (int place = firstPlace; place < firstPlace + count; place++) {
            processed.set((int) attempt.line(place));
        }
        outstanding = Math.max(0, outstanding - count);
        notifyAll();
    }

    public synchronized int count() {
        return processed.cardinality();
    }
}
