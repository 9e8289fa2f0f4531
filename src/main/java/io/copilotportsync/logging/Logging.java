package io.copilotportsync.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Sets up java.util.logging (which slf4j feeds) so that every handler formats through {@link RedactingFormatter}. */
public final class Logging {
    private Logging() {
    }

    /** Replaces the root handlers with one redacting console handler on stderr; level from LOG_LEVEL (default INFO). */
    public static void install(String level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level lvl = parse(level);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(lvl);
        console.setFormatter(new RedactingFormatter());
        root.addHandler(console);
        root.setLevel(lvl);
        // Camel and HttpClient are chatty below INFO; our own classes follow the chosen level.
        Logger.getLogger("org.apache").setLevel(lvl.intValue() < Level.INFO.intValue() ? Level.INFO : lvl);
        Logger.getLogger("org.quartz").setLevel(Level.WARNING);
    }

    /** Adds a handler (tests capture lines this way); it gets the redacting formatter too. */
    public static void addHandler(Handler handler) {
        handler.setFormatter(new RedactingFormatter());
        Logger.getLogger("").addHandler(handler);
    }

    private static Level parse(String level) {
        if (level == null || level.isBlank()) {
            return Level.INFO;
        }
        return switch (level.trim().toUpperCase()) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }
}
