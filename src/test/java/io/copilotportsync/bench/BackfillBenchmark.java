package io.copilotportsync.bench;

import io.copilotportsync.sandbox.GitHubStandIn;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.sandbox.PortStandIn;
import io.copilotportsync.sandbox.SandboxData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code BENCH_ONLY=backfill bash bench/run}: a year's backfill (SYNC_START_DAY 365 days back) of an organization
 * with 5,000 users into the Port stand-in (answering in 5 ms), the jar under -Xmx256m; the first process is killed
 * part way (SIGKILL, as a crash) and a second one resumes. Prints each process's peak RSS (VmHWM, sampled), the
 * state on disk at the end, and whether Port holds every entity the generated data implies (counted here from the
 * data, not from the sync's own summary). BENCH_BACKFILL_USERS / BENCH_BACKFILL_DAYS scale it down. Not a test.
 */
final class BackfillBenchmark {
    private static final LocalDate LAST = LocalDate.of(2026, 11, 30);
    /** GitHub serves organization usage reports from this day on (its changelog); the sync asks for none before it. */
    private static final LocalDate GITHUB_FIRST_DAY = LocalDate.of(2025, 12, 12);
    private static final int USERS = Integer.getInteger("bench.backfillUsers", 5_000);
    private static final int DAYS = Integer.getInteger("bench.backfillDays", 365);
    private static final long KILL_AFTER_SECONDS = Long.getLong("bench.backfillKillAfter", 60);

    private BackfillBenchmark() {
    }

    static void run(Path work) throws Exception {
        System.out.printf("generating %d days of an organization with %,d users...%n", DAYS, USERS);
        SandboxData data = SandboxData.generate(5, List.of("year-org"), USERS, LAST, DAYS, Set.of(), null, 1.0);
        List<LocalDate> served = data.days().stream().filter(d -> !d.isBefore(GITHUB_FIRST_DAY)).toList();
        long expectedUsers = served.stream().mapToLong(d -> data.userRows("year-org", d).size()).sum();
        long expected = expectedUsers + served.size() + data.seats("year-org").size();
        Path dir = Files.createDirectories(work.resolve("backfill"));
        try (GitHubStandIn github = new GitHubStandIn(data, "ghp_bench0000000000000000000000000000000000");
             PortStandIn port = new PortStandIn("bench", "bench-secret-0000")) {
            PortFaults.of(port).latency(Long.getLong("bench.backfillLatency", 5));
            long start = System.nanoTime();
            Result first = once(github, port, dir, KILL_AFTER_SECONDS);
            Result second = once(github, port, dir, 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            long held = port.holdings().values().stream().mapToLong(Map::size).sum();
            System.out.printf("(e) a year's backfill, %d days x %,d users, -Xmx256m, Port answering in %d ms: %.1f s wall for both processes; "
                            + "the first killed after %d s (exit %d), the second ended with exit %d%n",
                    DAYS, USERS, Long.getLong("bench.backfillLatency", 5), seconds, KILL_AFTER_SECONDS, first.exit, second.exit);
            System.out.printf("    Port holds %,d entities; the generated data implies %,d (%,d user days, %d organization days: the %d of %d "
                            + "days from GitHub's first report day %s; %,d seats): %s%n", held, expected, expectedUsers, served.size(),
                    served.size(), DAYS, GITHUB_FIRST_DAY, data.seats("year-org").size(), held == expected ? "none lost" : "MISMATCH");
            System.out.printf("    peak RSS: first process %d MiB, second %d MiB (goal <= 350 MiB); state on disk: %s%n",
                    first.peakRssKib / 1024, second.peakRssKib / 1024, stateSize(dir.resolve("data/state")));
            second.out.lines().filter(l -> l.startsWith("Progress") || l.startsWith("Run took") || l.startsWith("Plan"))
                    .reduce((a, b) -> b).ifPresent(l -> System.out.println("    last line: " + l));
            second.out.lines().filter(l -> l.startsWith("Run took")).forEach(l -> System.out.println("    " + l));
        }
    }

    private record Result(int exit, long peakRssKib, String out) {
    }

    private static Result once(GitHubStandIn github, PortStandIn port, Path dir, long killAfterSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(List.of(System.getProperty("bench.jvmArgs", "-XX:+UseParallelGC").trim().split("\\s+")));
        command.addAll(List.of("-jar", Path.of("target/copilot-port-sync.jar").toAbsolutePath().toString(), "--once"));
        Path out = dir.resolve(killAfterSeconds > 0 ? "first.out" : "second.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(".").toAbsolutePath().toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
        env.put("GITHUB_TOKEN", github.token());
        env.put("GITHUB_API_URL", github.url());
        env.put("GITHUB_ORGS", "year-org");
        env.put("GITHUB_REPORT_HOSTS", github.downloads().host());
        env.put("PORT_API_URL", port.url());
        env.put("PORT_CLIENT_ID", "bench");
        env.put("PORT_CLIENT_SECRET", "bench-secret-0000");
        env.put("PORT_CONCURRENCY", "16");
        env.put("SYNC_START_DAY", LAST.minusDays(DAYS - 1L).toString());
        env.put("SYNC_END_DAY", LAST.toString());
        env.put("SYNC_KINDS", "organization-usage-metrics,user-usage-metrics,copilot-seats");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("LOG_LEVEL", System.getProperty("bench.log", "INFO"));
        Process sync = builder.start();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Path status = Path.of("/proc", Long.toString(sync.pid()), "status");
            while (sync.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peak.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                        }
                    }
                    Thread.sleep(200);
                } catch (IOException | InterruptedException | RuntimeException gone) {
                    return;
                }
            }
        });
        sampler.start();
        boolean ended = sync.waitFor(killAfterSeconds > 0 ? killAfterSeconds : 60 * 60, TimeUnit.SECONDS);
        if (!ended) {
            if (killAfterSeconds == 0) {
                sync.destroyForcibly();
                throw new IllegalStateException("the backfill did not finish in an hour");
            }
            new ProcessBuilder("kill", "-9", Long.toString(sync.pid())).start().waitFor();
            sync.waitFor();
        }
        sampler.join();
        return new Result(sync.exitValue(), peak.get(), Files.readString(out));
    }

    private static String stateSize(Path state) throws IOException {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                long lines;
                try (Stream<String> l = Files.lines(f)) {
                    lines = l.count();
                }
                s.append(String.format("%s %,d KiB (%,d lines); ", state.relativize(f), Files.size(f) / 1024, lines));
            }
        }
        return s.toString();
    }
}
