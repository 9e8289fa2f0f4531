package io.copilotportsync.github;

/** A report file could not be fetched; its message never holds the link's query string. */
public class ReportDownloadException extends RuntimeException {
    public ReportDownloadException(String message) {
        super(message);
    }
}
