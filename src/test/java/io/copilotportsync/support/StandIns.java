package io.copilotportsync.support;

import io.copilotportsync.cli.CommandLine;
import io.copilotportsync.sandbox.GitHubStandIn;
import io.copilotportsync.sandbox.PortStandIn;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** GitHub and Port stand-ins over small generated data, and a way to run the real command line against them. */
public final class StandIns implements AutoCloseable {
    public static final List<String> ORGS = List.of("octo-org", "acme-eng");
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 20);
    public static final int DAYS = 4;
    /** GitHub has no report for this organization and day: the manifest answers 204. */
    public static final String DAY_WITHOUT_DATA = "acme-eng@" + LAST_DAY.minusDays(1);

    public final SandboxData data;
    public final GitHubStandIn github;
    public final PortStandIn port;
    public final String clientSecret = "port-secret-" + UUID.randomUUID();
    public final Map<String, String> env = new HashMap<>();

    /**
     * The route template's (and the Kamelet's) parameters for an instance pointed at these stand-ins, named as the
     * embedding contract names them (README, Embedding), in the order a reader expects.
     */
    public Map<String, String> instanceParameters(String schedule) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("schedule", schedule);
        p.put("githubToken", env.get("GITHUB_TOKEN"));
        p.put("githubApiUrl", env.get("GITHUB_API_URL"));
        p.put("githubReportHosts", env.get("GITHUB_REPORT_HOSTS"));
        p.put("githubOrgs", env.get("GITHUB_ORGS"));
        p.put("githubEnterprise", env.get("GITHUB_ENTERPRISE"));
        p.put("portApiUrl", env.get("PORT_API_URL"));
        p.put("portClientId", env.get("PORT_CLIENT_ID"));
        p.put("portClientSecret", env.get("PORT_CLIENT_SECRET"));
        p.put("dataDir", env.get("DATA_DIR"));
        p.put("startDay", env.get("SYNC_START_DAY"));
        p.put("endDay", env.get("SYNC_END_DAY"));
        return p;
    }

    public StandIns(Path dataDir) throws Exception {
        this(dataDir, (javax.net.ssl.SSLContext) null);
    }

    /** @param tls null: the stand-ins speak plain HTTP; else HTTPS with this context's certificate */
    public StandIns(Path dataDir, javax.net.ssl.SSLContext tls) throws Exception {
        this(dataDir, SandboxData.generate(7, ORGS, 10, LAST_DAY, DAYS, Set.of(DAY_WITHOUT_DATA), Sandbox.ENTERPRISE), tls);
        // one day before the generated data: GitHub answers 204 there too
        env.put("SYNC_START_DAY", firstDay().minusDays(1).toString());
        env.put("SYNC_END_DAY", LAST_DAY.toString());
    }

    /** Stand-ins over the given data, with no day window set: runs read the days a real run would read. */
    public StandIns(Path dataDir, SandboxData data) throws Exception {
        this(dataDir, data, null);
    }

    private StandIns(Path dataDir, SandboxData data, javax.net.ssl.SSLContext tls) throws Exception {
        this.data = data;
        github = new GitHubStandIn(data, "ghp_" + UUID.randomUUID().toString().replace("-", ""), tls);
        port = new PortStandIn("test-client", clientSecret, tls);
        env.putAll(Sandbox.environment(github, port, "test-client", clientSecret));
        env.put("GITHUB_ORGS", String.join(",", ORGS));
        env.put("DATA_DIR", dataDir.toString());
    }

    /** Settings that pass every start-up check (a token, an organization, Port credentials), pointing nowhere. */
    public static Map<String, String> validSettings() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", "ghp_example");
        env.put("GITHUB_ORGS", "octo-org");
        env.put("PORT_CLIENT_ID", "id");
        env.put("PORT_CLIENT_SECRET", "secret");
        return env;
    }

    /** Runs --once with settings that must stop it: exit code 2 and one line "configuration error: ...", returned. */
    public static String configurationError(Map<String, String> env) {
        Run run = run(env, "", "--once");
        org.junit.jupiter.api.Assertions.assertEquals(2, run.exitCode(), run.out() + run.err());
        org.junit.jupiter.api.Assertions.assertEquals(1, run.err().lines().count(), run.err());
        org.junit.jupiter.api.Assertions.assertTrue(run.err().startsWith("configuration error: "), run.err());
        return run.err();
    }

    /** Each person's users rows of a day across the organizations, by user id: what the enterprise view sums. */
    public static Map<Long, List<com.fasterxml.jackson.databind.node.ObjectNode>> rowsByPerson(SandboxData data, LocalDate day) {
        Map<Long, List<com.fasterxml.jackson.databind.node.ObjectNode>> byPerson = new java.util.LinkedHashMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            List<com.fasterxml.jackson.databind.node.ObjectNode> rows = data.userRows(org.login(), day);
            if (rows != null) {
                rows.forEach(r -> byPerson.computeIfAbsent(r.get("user_id").asLong(), k -> new java.util.ArrayList<>()).add(r));
            }
        }
        return byPerson;
    }

    public LocalDate firstDay() {
        return LAST_DAY.minusDays(DAYS - 1L);
    }

    /** The outcome of one run of the command line. */
    public record Run(int exitCode, String out, String err) {
    }

    public Run run(String... args) {
        return run(env, "", args);
    }

    public static Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * What Port holds after a clean --once run over the same generated data: what faulty runs must end with. The data
     * is generated the same way each time (a fixed seed and days), so the reference run is made once a JVM and each test
     * gets a copy of its own.
     */
    public static Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> cleanRunHoldings(Path dataDir) throws Exception {
        synchronized (CLEAN) {
            if (CLEAN.isEmpty()) {
                try (StandIns reference = new StandIns(dataDir)) {
                    Run run = reference.run("--once");
                    if (run.exitCode() != 0) {
                        throw new IllegalStateException("the clean reference run failed:\n" + run.out() + run.err());
                    }
                    CLEAN.putAll(reference.port.holdings());
                }
            }
            Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> copy = new java.util.TreeMap<>();
            CLEAN.forEach((blueprint, entities) -> {
                Map<String, com.fasterxml.jackson.databind.node.ObjectNode> each = new java.util.TreeMap<>();
                entities.forEach((identifier, entity) -> each.put(identifier, entity.deepCopy()));
                copy.put(blueprint, each);
            });
            return copy;
        }
    }

    private static final Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> CLEAN = new java.util.TreeMap<>();

    /** Runs --once through the application itself, with short retry waits (a real minute is too long for a test). */
    public Run runOnce(io.copilotportsync.http.RetryTimings timings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.copilotportsync.sync.SyncApplication app = new io.copilotportsync.sync.SyncApplication(
                io.copilotportsync.config.SyncSettings.from(env::get, true), Map.of(), java.time.Clock.systemUTC(), timings);
        int code = app.runOnce(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), "");
    }

    /** Retry waits short enough for tests: milliseconds instead of seconds and minutes. */
    public static final io.copilotportsync.http.RetryTimings FAST = new io.copilotportsync.http.RetryTimings(6,
            java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200),
            java.time.Duration.ofSeconds(5));

    @Override
    public void close() {
        github.close();
        port.close();
    }
}
