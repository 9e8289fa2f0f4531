package io.copilotportsync.github;

/**
 * A report line over GITHUB_REPORT_LINE_LIMIT_MB: the file cannot be read past it, and a fresh link would not help,
 * so the file is not downloaded again (its day fails, and is asked again next run).
 */
public class ReportLineTooLongException extends RuntimeException {
    public ReportLineTooLongException(String message) {
        super(message);
    }
}
