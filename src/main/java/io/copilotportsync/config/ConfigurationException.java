package io.copilotportsync.config;

/** A setting, file or mapping the user must fix before anything runs; its message is the one line they see. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
