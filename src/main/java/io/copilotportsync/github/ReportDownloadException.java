package io.copilotportsync.github;

/**
 * A report file could not be fetched; its message never holds the link's query string. An outage (no answer, a
 * timeout, a 5xx) counts for the scope's breaker like any failed GitHub call; a refusal (an expired link, a host not
 * allowed) does not: GitHub answered.
 */
public class ReportDownloadException extends RuntimeException {
    private final boolean outage;

    public ReportDownloadException(String message) {
        this(message, false);
    }

    public ReportDownloadException(String message, boolean outage) {
        super(message);
        this.outage = outage;
    }

    public boolean outage() {
        return outage;
    }
}
