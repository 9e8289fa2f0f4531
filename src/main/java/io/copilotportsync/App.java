package io.copilotportsync;

import io.copilotportsync.cli.CommandLine;
import io.copilotportsync.logging.Logging;

/** Entry point of the jar: logging that redacts secrets, then the command line. */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        Logging.install(System.getenv("LOG_LEVEL"));
        int code = new CommandLine(System::getenv, System.in, System.out, System.err).run(args);
        System.exit(code);
    }
}
