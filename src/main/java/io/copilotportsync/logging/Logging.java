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

    /**
     * Replaces the root handlers with one redacting console handler on stderr. The level (LOG_LEVEL, default INFO)
     * applies to this project, Camel and the HTTP client; the JDK's own loggers stay at INFO, and HttpClient's
     * byte-by-byte wire log stays off.
     */
    public static void install(String level) {
        install(level, true);
    }

    /**
     * As {@link #install(String)}; without {@code camelLifecycle} (a one-shot command: --once, --sandbox, replay),
     * Camel's own INFO lines (start-up summaries, every route started and stopped, Quartz and aggregator notes) are
     * left out at LOG_LEVEL INFO, so a person reads the start line, the progress and the summary; Camel's warnings
     * stay, and LOG_LEVEL=DEBUG shows everything. A service keeps Camel's lifecycle log: operators read it.
     */
    public static void install(String level, boolean camelLifecycle) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level lvl = parse(level);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new RedactingFormatter());
        root.addHandler(console);
        root.setLevel(Level.INFO);
        for (String name : new String[] {"io.copilotportsync", "org.apache.camel", "org.apache.hc"}) {
            Logger.getLogger(name).setLevel(lvl);
            KEPT.add(Logger.getLogger(name));
        }
        if (!camelLifecycle && lvl.intValue() >= Level.INFO.intValue()) {
            Logger camel = Logger.getLogger("org.apache.camel");
            camel.setLevel(lvl.intValue() > Level.WARNING.intValue() ? lvl : Level.WARNING);
        }
        Logger.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.INFO);
        Logger.getLogger("org.quartz").setLevel(Level.WARNING);
        KEPT.add(Logger.getLogger("org.apache.hc.client5.http.wire"));
        KEPT.add(Logger.getLogger("org.quartz"));
        // a thread that dies would print its stack trace to stderr past the formatter
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                Logger.getLogger("io.copilotportsync").log(Level.SEVERE, "Uncaught in thread " + thread.getName(), e));
    }

    /** java.util.logging holds loggers weakly: a configured level is lost with its logger unless someone keeps it. */
    private static final java.util.List<Logger> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a handler (tests capture lines this way); it gets the redacting formatter too. */
    public static void addHandler(Handler handler) {
        handler.setFormatter(new RedactingFormatter());
        Logger.getLogger("").addHandler(handler);
    }

    /** The LOG_LEVEL values {@link #install} knows, upper case; SyncSettings refuses any other. */
    public static final java.util.Set<String> LEVELS = java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR");

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
