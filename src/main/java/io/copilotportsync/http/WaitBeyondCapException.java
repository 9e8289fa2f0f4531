package io.copilotportsync.http;

/**
 * GitHub or Port asked for a wait longer than RETRY_MAX_WAIT: the call fails at once with this one line, and the run
 * goes on (the day is not final and is read again next run). Not an IOException, so no retry loop takes it.
 */
public final class WaitBeyondCapException extends RuntimeException {
    public WaitBeyondCapException(String message) {
        super(message, null, false, false);
    }
}
