package io.copilotportsync;

import io.copilotportsync.cli.CommandLine;
import io.copilotportsync.logging.Logging;

/** Entry point of the jar: logging that redacts secrets, then the command line. */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        // no argument: the service, whose operators read Camel's lifecycle log; any command: only what a person reads
        Logging.install(System.getenv("LOG_LEVEL"), args.length == 0);
        int code = new CommandLine(System::getenv, System.in, System.out, System.err).run(args);
        System.exit(code);
    }
}
