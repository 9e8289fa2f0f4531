package io.copilotportsync.bench;

import io.copilotportsync.sandbox.GitHubStandIn;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.sandbox.PortRateWindow;
import io.copilotportsync.sandbox.PortStandIn;
import io.copilotportsync.sandbox.SandboxData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code BENCH_ONLY=ratelimit bash bench/run}: the packaged jar syncs 3 days of an organization with 8,000 users
 * (users, seats, totals) into a Port stand-in that enforces a rate limit (by default 250 requests per 5 s, Port's
 * 35,000 per 5 minutes scaled down so that the run spans several windows in seconds) and answers in 50 ms, with
 * PORT_CONCURRENCY 16: once with Port's rate-limit headers (paced) and once without them (429s waited out). Prints
 * the wall time against the rate-limit floor (accepted requests ÷ allowed rate) and the 429s. Not a test.
 */
final class RateLimitedBenchmark {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 3);
    private static final int USERS = Integer.getInteger("bench.rateUsers", 8_000);
    private static final int LIMIT = Integer.getInteger("bench.rateLimit", 250);
    private static final Duration PERIOD = Duration.ofSeconds(Long.getLong("bench.ratePeriod", 5));

    private RateLimitedBenchmark() {
    }

    static void run(Path work) throws Exception {
        System.out.printf("generating 3 days of an organization with %,d users...%n", USERS);
        SandboxData data = SandboxData.generate(3, List.of("limited-org"), USERS, DAY, 3, Set.of(), null, 1.0);
        for (PortRateWindow.Headers shape : List.of(PortRateWindow.Headers.SECONDS_LEFT, PortRateWindow.Headers.MISSING)) {
            once(data, work.resolve("rate-" + shape.name().toLowerCase()), shape);
        }
    }

    private static void once(SandboxData data, Path work, PortRateWindow.Headers shape) throws Exception {
        Files.createDirectories(work);
        try (GitHubStandIn github = new GitHubStandIn(data, "ghp_bench0000000000000000000000000000000000");
             PortStandIn port = new PortStandIn("bench", "bench-secret-0000")) {
            PortFaults.of(port).latency(50);
            port.rateWindow().limit(LIMIT, PERIOD);
            port.rateWindow().headers(shape);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(List.of(System.getProperty("bench.jvmArgs", "-XX:+UseParallelGC").trim().split("\\s+")));
            command.addAll(List.of("-jar", Path.of("target/copilot-port-sync.jar").toAbsolutePath().toString(), "--once"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(".").toAbsolutePath().toFile())
                    .redirectOutput(work.resolve("sync.out").toFile()).redirectError(work.resolve("sync.err").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
            env.put("GITHUB_TOKEN", github.token());
            env.put("GITHUB_API_URL", github.url());
            env.put("GITHUB_ORGS", "limited-org");
            env.put("GITHUB_REPORT_HOSTS", github.downloads().host());
            env.put("PORT_API_URL", port.url());
            env.put("PORT_CLIENT_ID", "bench");
            env.put("PORT_CLIENT_SECRET", "bench-secret-0000");
            env.put("PORT_CONCURRENCY", "16");
            env.put("SYNC_START_DAY", DAY.minusDays(2).toString());
            env.put("SYNC_END_DAY", DAY.toString());
            env.put("SYNC_KINDS", "organization-usage-metrics,user-usage-metrics,copilot-seats");
            env.put("DATA_DIR", work.resolve("data").toString());
            env.put("LOG_LEVEL", System.getProperty("bench.log", "WARN"));
            long start = System.nanoTime();
            Process sync = builder.start();
            if (!sync.waitFor(30, TimeUnit.MINUTES)) {
                sync.destroyForcibly();
                throw new IllegalStateException("the sync did not finish in 30 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sync.exitValue() != 0) {
                throw new IllegalStateException("the sync failed:\n" + Files.readString(work.resolve("sync.out"))
                        + Files.readString(work.resolve("sync.err")));
            }
            List<PortRateWindow.Window> windows = port.rateWindow().windows();
            List<PortRateWindow.Window> entityWindows = windows.stream().filter(w -> w.budget().equals("entities")).toList();
            int accepted = entityWindows.stream().mapToInt(PortRateWindow.Window::accepted).sum();
            int refused = windows.stream().mapToInt(PortRateWindow.Window::refused).sum();
            int mostInAWindow = windows.stream().mapToInt(PortRateWindow.Window::refused).max().orElse(0);
            double floor = accepted / (LIMIT / (double) PERIOD.toSeconds());
            long entities = port.holdings().values().stream().mapToLong(Map::size).sum();
            System.out.printf("(d) rate-limited sync, %s: %,d entities, %,d entity requests accepted in %.1f s wall; floor at %d "
                            + "requests per %d s: %.1f s, so %.2fx the floor (goal <= 1.15x); 429s: %d (at most %d in a window of %d; goal <= 1)%n",
                    shape == PortRateWindow.Headers.MISSING ? "Port without rate-limit headers (429s waited out)" : "paced by Port's headers",
                    entities, accepted, seconds, LIMIT, PERIOD.toSeconds(), floor, seconds / floor, refused, mostInAWindow, windows.size());
            System.out.println("    entity requests accepted/refused per window: " + entityWindows.stream()
                    .map(w -> w.accepted() + "/" + w.refused()).collect(java.util.stream.Collectors.joining(" ")));
        }
    }
}
