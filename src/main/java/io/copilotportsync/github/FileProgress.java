package io.copilotportsync.github;

import java.util.BitSet;

/**
 * Which lines of one report file were processed (shaped and mapped, or dead-lettered), across the attempts to
 * download it. Lines are processed on several workers, so they finish out of order: a download that breaks off
 * and starts again skips exactly the lines processed, and reads again every line read but not processed, so that
 * no line is lost and none is processed twice.
 */
public final class FileProgress {
    private final BitSet processed = new BitSet();
    /** The lines the current attempt hands out, by their place in the attempt: the holes first, then the rest. */
    private int[] holes = new int[0];
    private int restFrom;

    /** A new attempt reads the file from its start: it will hand out the lines not processed, in order. */
    public synchronized void attemptStarts() {
        int end = processed.length();
        holes = new int[end - processed.cardinality()];
        for (int line = processed.nextClearBit(0), i = 0; line < end; line = processed.nextClearBit(line + 1)) {
            holes[i++] = line;
        }
        restFrom = end;
    }

    public synchronized boolean processed(long line) {
        return line < Integer.MAX_VALUE && processed.get((int) line);
    }

    /** The line (0-based, blank lines not counted) that the attempt handed out at this place (0-based). */
    public synchronized long line(int place) {
        return place < holes.length ? holes[place] : restFrom + (long) (place - holes.length);
    }

    /** The line handed out at this place of the current attempt was processed. */
    public synchronized void done(int place) {
        processed.set((int) line(place));
    }

    public synchronized int count() {
        return processed.cardinality();
    }
}
