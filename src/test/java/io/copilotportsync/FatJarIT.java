package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar, started as a user starts it: the sandbox demo and preview work from target/copilot-port-sync.jar. */
class FatJarIT {
    private static final Path JAR = Path.of("target/copilot-port-sync.jar");

    private record Result(int code, String out, String err) {
    }

    private static Result java(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
        builder.environment().put("DATA_DIR", Files.createTempDirectory("sandbox-data").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the jar finished in time");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void the_sandbox_syncs_generated_data_into_the_port_stand_in_and_shows_what_it_holds_every_time() throws Exception {
        for (int run = 1; run <= 2; run++) {
            Result r = java("--sandbox");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("Result: every kind succeeded"), r.out());
            assertTrue(r.out().matches("(?s).*githubCopilotOrganizationUsage: \\d+ entities.*"), "run " + run + ":\n" + r.out());
            assertTrue(r.out().matches("(?s).*githubCopilotUserUsage: \\d+ entities.*"), "run " + run + ":\n" + r.out());
            assertTrue(r.out().matches("(?s).*githubCopilotRepositoryUsage: \\d+ entities.*"), "run " + run + ":\n" + r.out());
            assertTrue(r.out().matches("(?s).*githubCopilotAiCreditUsage: \\d+ entities.*"), "run " + run + ":\n" + r.out());
            assertTrue(r.out().contains("warning (copilot-ai-credit-usage, data-lab): GitHub's billing API refused"), r.out());
            // the sandbox's Port has the GitHub integration's blueprints: entities relate to them; and the dashboard
            assertTrue(r.out().contains("Pages: githubCopilotAdoption"), r.out());
            // Port made the GitHub users the seats and user rows relate to (createMissingRelatedEntities)
            assertTrue(r.out().matches("(?s).*githubUser: \\d+ entities.*"), r.out());
            // what a person reads: our start line, progress and end line, no list of Camel's routes started and stopped
            assertTrue(r.err().contains("Sync run started") && r.err().contains("Sync run finished"), r.err());
            for (String camelLifecycle : List.of("Routes startup", "Started sync-run", "Stopped sync-run", "Auto-configuration summary",
                    "Apache Camel 4.17.0 (copilot-port-sync) started")) {
                assertTrue(!r.err().contains(camelLifecycle), camelLifecycle + " in:\n" + r.err());
            }
        }
    }

    @Test
    void preview_runs_from_the_jar_with_every_jq_builtin_the_mapping_uses() throws Exception {
        Result r = java("preview", "--kind", "user-usage-metrics", "--input", "src/test/resources/fixtures/users-report-row.json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"identifier\":\"login1@octo-org@2025-10-01\""), r.out());
        assertTrue(r.out().contains("\"ide_version\":\"1.85.0\""), r.out() + r.err());
    }
}
