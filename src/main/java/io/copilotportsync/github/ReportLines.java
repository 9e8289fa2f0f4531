package io.copilotportsync.github;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The lines of a report file as they arrive, blank lines skipped; the last line needs no newline, so a file that is
 * one JSON object reads as one line. A line over the limit stops the file with one line saying which, and what to
 * do. Closing it (Camel's splitter does, at the end) releases the connection.
 */
public final class ReportLines implements Iterator<String>, Closeable {
    private final BoundedLineReader reader;
    private final String file;
    private final int limitMb;
    private final String contentType;
    private final FileProgress progress;
    /** Non-blank lines of the file seen so far in this attempt, handed out or skipped. */
    private long line;
    private String next;
    private boolean closed;

    /**
     * @param file        the file in the user's words ("file 1 of the users-1-day report of 2026-03-20"), never the link
     * @param contentType the answer's, for the message when the file turns out to be a page (HTML, XML)
     * @param progress    the lines of this file processed so far, across attempts: a file opened again after a broken
     *                    download skips them, and only them, so that no line is lost or processed twice
     */
    ReportLines(BoundedLineReader reader, String file, int limitMb, String contentType, FileProgress progress) {
        this.reader = reader;
        this.file = file;
        this.limitMb = limitMb;
        this.contentType = contentType;
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
                if (line != null && this.line == 0 && line.stripLeading().startsWith("<")) {
                    close();
                    throw new ReportDownloadException("the download of " + file + " answered 200 with "
                            + (contentType.isEmpty() ? "no content type" : contentType) + " and a page (its first line is markup),"
                            + " not JSON lines: a proxy's or the storage host's page stands in the way (check HTTPS_PROXY,"
                            + " NO_PROXY and GITHUB_REPORT_HOSTS)");
                }
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
        } catch (BoundedLineReader.LineTooLong e) {
            close();
            throw new ReportLineTooLongException("line " + (this.line + 1) + " of " + file + " is longer than the " + limitMb
                    + " MiB a report line may have (GITHUB_REPORT_LINE_LIMIT_MB); the file is not read further and its day is"
                    + " not final: if GitHub's lines are this long, raise GITHUB_REPORT_LINE_LIMIT_MB (a line is held in memory"
                    + " whole: give the JVM room with -Xmx)");
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("the download of " + file + " broke off: " + e.getMessage(), e);
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

    /**
     * The same lines in batches of at most {@code size}, for the splitter. A file that breaks off (a download broken,
     * a line too long) ends the batches after the lines read before the break; {@link Batches#end()} then throws
     * the break, once the splitter has waited for those lines: a splitter told at once would not wait for them.
     */
    public Batches batches(int size) {
        return new Batches(this, size);
    }

    /** The batches of {@link #batches(int)}; closing them (the splitter does) closes the file. */
    public static final class Batches implements Iterator<LineBatch>, Closeable {
        private final ReportLines lines;
        private final int size;
        private int place;
        private RuntimeException broken;

        private Batches(ReportLines lines, int size) {
            this.lines = lines;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            if (broken != null) {
                return false;
            }
            try {
                return lines.hasNext();
            } catch (RuntimeException e) {
                broken = e;
                return false;
            }
        }

        @Override
        public LineBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<String> batch = new ArrayList<>(size);
            while (batch.size() < size && hasNext()) {
                batch.add(lines.next());
            }
            LineBatch b = new LineBatch(place, batch);
            place += batch.size();
            return b;
        }

        /** After the last batch: what broke the file off, if anything, is thrown now. */
        public void end() {
            if (broken != null) {
                throw broken;
            }
        }

        @Override
        public void close() {
            lines.close();
        }
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
