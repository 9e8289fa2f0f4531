package io.copilotportsync.support;

import io.copilotportsync.logging.Logging;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line, formatted as the application prints it, from the moment it is installed until closed. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level previousRoot;

    /** Installs the application's logging at the given level plus this capture. */
    public LogCapture(String level) {
        previousRoot = Logger.getLogger("").getLevel();
        Logging.install(level);
        setLevel(Level.ALL);
        Logging.addHandler(this);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            lines.add(getFormatter().format(record));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        Logging.install("INFO");
        Logger.getLogger("").setLevel(previousRoot == null ? Level.INFO : previousRoot);
    }
}
