package io.copilotportsync.port;

/** Port refused or failed a request in a way the whole run must report. */
public class PortException extends RuntimeException {
    public PortException(String message) {
        super(message);
    }
}
