package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scope whose GitHub calls fail again and again (an outage) is skipped for the rest of the run with one line
 * naming it and the last error; its jobs fail at once, its days stay not final, and the other scopes go on.
 */
class ScopeBreakerTest {
    private static final List<String> ORGS = Sandbox.ORGANIZATIONS;
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 20);
    private static final int DAYS = 28;
    private static final String SKIPPED = "is skipped for the rest of this run";

    private static StandIns standIns(Path dir, int days) throws Exception {
        StandIns standIns = new StandIns(dir, SandboxData.generate(11, ORGS, 3, LAST_DAY, days, Set.of(), Sandbox.ENTERPRISE));
        standIns.env.put("GITHUB_ORGS", String.join(",", ORGS));
        standIns.env.put("SYNC_START_DAY", LAST_DAY.minusDays(days - 1L).toString());
        standIns.env.put("SYNC_END_DAY", LAST_DAY.toString());
        return standIns;
    }

    private record Outcome(StandIns.Run run, Duration took, List<String> lines) {
    }

    /** A --once run over the 28 days, with the faults {@code faults} sets up, and the log lines it wrote. */
    private static Outcome runOnceWith(Path dir, java.util.function.Consumer<StandIns> faults) throws Exception {
        try (StandIns standIns = standIns(dir, DAYS); LogCapture logs = new LogCapture("INFO")) {
            faults.accept(standIns);
            long started = System.nanoTime();
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            return new Outcome(run, Duration.ofNanos(System.nanoTime() - started), logs.lines());
        }
    }

    @Test
    void a_github_answering_500_to_everything_ends_a_28_day_3_organization_run_in_seconds_with_one_line_per_scope(@TempDir Path dir)
            throws Exception {
        Outcome outcome = runOnceWith(dir, standIns ->
                Faults.of(standIns.github).inject(".*", Integer.MAX_VALUE, 500, Map.of(), "{\"message\":\"Server Error\"}"));
        StandIns.Run run = outcome.run();
        Duration took = outcome.took();
        List<String> lines = outcome.lines();
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "the run took " + took);
        for (String scope : List.of("octo-org", "acme-eng", "data-lab", "enterprise:" + Sandbox.ENTERPRISE)) {
            List<String> said = lines.stream().filter(l -> l.contains("GitHub requests for " + scope + " failed") && l.contains(SKIPPED)).toList();
            assertEquals(1, said.size(), scope + ": " + said);
            assertTrue(said.get(0).contains("(last: GitHub answered 500 for GET /"), said.get(0));
        }
        assertEquals(4, lines.stream().filter(l -> l.contains(SKIPPED)).count(), "one line a scope, no more");
        assertTrue(run.out().contains(SKIPPED), "the summary counts the skipped jobs as failed: " + run.out());
    }

    @Test
    void a_github_that_refuses_every_connection_is_skipped_scope_by_scope_with_the_refusal_named(@TempDir Path dir) throws Exception {
        int closed;
        // a loopback port nothing listens on any more
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<String> lines;
        StandIns.Run run;
        try (StandIns standIns = standIns(dir, 3); LogCapture logs = new LogCapture("INFO")) {
            standIns.env.put("GITHUB_API_URL", "http://127.0.0.1:" + closed);
            run = standIns.runOnce(StandIns.FAST);
            lines = logs.lines();
        }
        assertEquals(1, run.exitCode(), run.out());
        List<String> said = lines.stream().filter(l -> l.contains(SKIPPED)).toList();
        assertEquals(4, said.size(), said.toString());
        assertTrue(said.stream().allMatch(l -> l.contains("(last: GitHub call GET /") && l.contains("refused")), said.toString());
    }

    @Test
    void a_github_that_takes_connections_and_never_answers_ends_in_bounded_time(@TempDir Path dir) throws Exception {
        List<String> lines;
        StandIns.Run run;
        Duration took;
        try (HangingServer hanging = new HangingServer(); StandIns standIns = standIns(dir, DAYS); LogCapture logs = new LogCapture("INFO")) {
            standIns.env.put("GITHUB_API_URL", hanging.url());
            // the answer's timeout in milliseconds instead of a minute: the count of timeouts is what is tested
            Map<String, String> quickTimeouts = Map.of("camel.component.http.so-timeout", "300",
                    "camel.component.http.response-timeout", "300");
            SyncApplication app = new SyncApplication(io.copilotportsync.config.SyncSettings.from(standIns.env::get, true), quickTimeouts,
                    java.time.Clock.systemUTC(), StandIns.FAST);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long started = System.nanoTime();
            int code = app.runOnce(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            took = Duration.ofNanos(System.nanoTime() - started);
            run = new StandIns.Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8), "");
            lines = logs.lines();
        }
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "the run took " + took);
        List<String> said = lines.stream().filter(l -> l.contains(SKIPPED)).toList();
        assertEquals(4, said.size(), said.toString());
        assertTrue(said.stream().allMatch(l -> l.contains("failed 10 times in a row") && l.toLowerCase().contains("timed out")),
                said.toString());
    }

    @Test
    void report_downloads_that_keep_failing_count_for_the_breaker_like_any_github_call(@TempDir Path dir) throws Exception {
        // the API answers; every signed report file answers 500
        Outcome outcome = runOnceWith(dir, standIns ->
                Faults.of(standIns.github.downloads()).inject(".*", Integer.MAX_VALUE, 500, Map.of(), "<Error>InternalError</Error>"));
        StandIns.Run run = outcome.run();
        Duration took = outcome.took();
        List<String> lines = outcome.lines();
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the run took " + took);
        for (String scope : List.of("octo-org", "acme-eng", "data-lab")) {
            List<String> said = lines.stream().filter(l -> l.contains("Report downloads for " + scope + " failed") && l.contains(SKIPPED)).toList();
            assertEquals(1, said.size(), scope + ": " + lines.stream().filter(l -> l.contains(scope)).limit(20).toList());
            assertTrue(said.get(0).contains("(last: the download of file ") && said.get(0).contains("answered 500"), said.get(0));
        }
    }

    /** A loopback server that takes every connection and never answers: a hanging GitHub. */
    private static final class HangingServer implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 64, java.net.InetAddress.getLoopbackAddress());
        private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }, "hanging-github");

        HangingServer() throws java.io.IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (java.net.Socket s : held) {
                s.close();
            }
            acceptor.join(1000);
        }
    }

    @Test
    void an_organization_whose_calls_keep_failing_is_skipped_while_the_others_are_synced_in_full(@TempDir Path dir) throws Exception {
        Path cleanDir = dir.resolve("clean");
        Map<String, Map<String, ObjectNode>> clean;
        try (StandIns reference = standIns(cleanDir, 2)) {
            assertEquals(0, reference.runOnce(StandIns.FAST).exitCode());
            clean = reference.port.holdings();
        }
        try (StandIns standIns = standIns(dir.resolve("outage"), 2)) {
            Faults.of(standIns.github).inject("/(orgs|organizations)/acme-eng/.*", Integer.MAX_VALUE, 503, Map.of(), "{}");
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(1, run.exitCode(), run.out());
            Map<String, Map<String, ObjectNode>> held = standIns.port.holdings();
            for (Map.Entry<String, Map<String, ObjectNode>> blueprint : clean.entrySet()) {
                blueprint.getValue().forEach((id, entity) -> {
                    if (!entity.toString().contains("acme-eng")) {
                        assertEquals(entity, held.get(blueprint.getKey()).get(id), blueprint.getKey() + " " + id + " is synced");
                    }
                });
            }
            // the organization's own entities name it as a part of their identifier (the enterprise's name its repositories)
            List<String> ofSkipped = held.values().stream().flatMap(m -> m.keySet().stream())
                    .filter(id -> id.matches("(.*@)?acme-eng(@.*)?")).toList();
            assertEquals(List.of(), ofSkipped, "nothing of the skipped organization");
            assertTrue(clean.values().stream().flatMap(m -> m.keySet().stream()).anyMatch(id -> id.matches("(.*@)?acme-eng(@.*)?")));
        }
    }
}
