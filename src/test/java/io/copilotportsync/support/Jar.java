package io.copilotportsync.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged jar started as a user starts it, with an environment of the test's making and its output in a file. */
public final class Jar {
    private Jar() {
    }

    public static Process start(Map<String, String> env, Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/copilot-port-sync.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        // only the test's settings: none of the machine's GitHub, Port or sync variables
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
