package io.copilotportsync.github;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a report file as they arrive, blank lines skipped; the last line needs no newline, so a file that is
 * one JSON object reads as one line. Closing it (Camel's splitter does, at the end) releases the connection.
 */
public final class ReportLines implements Iterator<String>, Closeable {
    private final BufferedReader reader;
    private final String source;
    private final FileProgress progress;
    /** Non-blank lines of the file seen so far in this attempt, handed out or skipped. */
    private long line;
    private String next;
    private boolean closed;

    /**
     * @param progress the lines of this file processed so far, across attempts: a file opened again after a broken
     *                 download skips them, and only them, so that no line is lost or processed twice
     */
    public ReportLines(BufferedReader reader, String source, FileProgress progress) {
        this.reader = reader;
        this.source = source;
        this.progress = progress;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            String line;
            do {
                line = reader.readLine();
                if (line != null && !line.isBlank() && progress.processed(this.line++)) {
                    line = "";
                }
            } while (line != null && line.isBlank());
            if (line == null) {
                close();
                return false;
            }
            next = line;
            return true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("report download from " + source + " broke off: " + e.getMessage(), e);
        }
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        progress.handedOut();
        return line;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }
}
