package io.copilotportsync.sync;

import io.copilotportsync.logging.SecretRedactor;
import java.time.Duration;
import java.time.Instant;

/**
 * On SIGTERM in the middle of a run: the run takes no new work, the batches in flight get the shutdown timeout to
 * be acknowledged, and one line then says what is left for the next run. It is written to stderr itself, because
 * java.util.logging closes its handlers in a shutdown hook of its own.
 */
final class ShutdownReport {
    private ShutdownReport() {
    }

    static Thread install(CurrentRun run, Duration timeout) {
        Thread hook = new Thread(() -> {
            if (!run.inProgress()) {
                return;
            }
            run.stop();
            System.err.println(Instant.now() + " WARN  stopping: no new work; the batches in flight get up to "
                    + timeout.toSeconds() + " s to be acknowledged by Port");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (run.inProgress() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            String left = run.unfinished();
            System.err.println(Instant.now() + " WARN  " + SecretRedactor.redact(left != null ? left
                    : "Stopped: the run ended within the shutdown timeout"));
            System.err.flush();
        }, "copilot-sync-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is shutting down: the hook is running or has run
        }
    }
}
