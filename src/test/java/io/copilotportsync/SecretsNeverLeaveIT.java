package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.Jar;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error answers that quote our request back (a gateway in front of GitHub, a proxy in front of Port): the packaged
 * jar, at LOG_LEVEL=DEBUG, reports the failures, and neither its output (stdout and stderr) nor any file under
 * DATA_DIR holds the GitHub token, the Port secret or access token, or the signature of a report link.
 */
class SecretsNeverLeaveIT {

    @Test
    void an_error_answer_that_echoes_the_token_and_a_signed_link_leaves_neither_anywhere(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            Faults.echoCredentials(standIns.github, "/orgs/acme-eng/copilot/metrics/reports/organization-1-day", 1);
            String signedLink = standIns.github.downloads().url() + "/reports/orgs/acme-eng/users-1-day/2026-01-01/1.ndjson?sv=2025-01-05"
                    + "&sig=" + standIns.github.signature();
            Faults.of(standIns.port).inject("/v1/blueprints/githubCopilotBilling/entities/bulk", 100, 422, Map.of(),
                    "{\"ok\":false,\"error\":\"bad_request\",\"message\":\"gateway refused POST with Authorization: Bearer "
                            + standIns.github.token() + " for client secret " + standIns.clientSecret + " after " + signedLink
                            + " (GET /r?se=2099&sig=" + standIns.github.signature() + ")\"}");
            Map<String, String> env = new java.util.HashMap<>(standIns.env);
            env.put("LOG_LEVEL", "DEBUG");
            Path output = dir.resolve("output.log");
            Process sync = Jar.start(env, output, "--once");
            assertTrue(sync.waitFor(2, TimeUnit.MINUTES));
            String text = Files.readString(output);
            assertEquals(1, sync.exitValue(), text);
            assertTrue(text.contains("GitHub answered 401 for the organization-1-day report: Bad credentials: Bearer [redacted] url "),
                    "the failure is reported, its secrets masked:\n" + text);
            assertTrue(text.contains("failed 1 (copilot-billing, acme-eng): Port refused entity 'acme-eng'"), text);

            List<String> secrets = new ArrayList<>(List.of(standIns.github.token(), standIns.clientSecret, standIns.github.signature()));
            secrets.addAll(standIns.port.issuedTokens());
            assertTrue(standIns.port.issuedTokens().size() > 0);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret in the output: " + secret + "\n" + text);
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir.resolve("data"))) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.toString().contains("dead-letter")), "the refused entities are kept: " + files);
            for (Path file : files) {
                String content = Files.readString(file);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), "a secret in " + file + ":\n" + content);
                }
            }
        }
    }
}
