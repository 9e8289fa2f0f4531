package io.copilotportsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.jq.JqDialect;
import io.copilotportsync.mapping.MappingDefinition;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.sandbox.GitHubStandIn;
import io.copilotportsync.sandbox.PortFaults;
import io.copilotportsync.sandbox.PortStandIn;
import io.copilotportsync.sandbox.SandboxData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code bash bench/run}: (a) mapping throughput of the shipped user-usage mapping against the jq program over the
 * same 100,000-row file; (b) wall time and peak heap of the packaged jar, run with -Xmx256m, syncing one day of an
 * organization with 100,000 active users and 100,000 seats into the Port stand-in answering in 50 ms; (c) bulk
 * requests sent against the optimum; (d) a sync against Port's rate limit ({@link RateLimitedBenchmark}). Not a test:
 * it prints figures.
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("map")) {
            System.out.println(ourMapping(Path.of(args[1])));
            return;
        }
        Path work = Files.createTempDirectory("copilot-port-sync-bench");
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        String only = System.getProperty("bench.only", "");
        SandboxData data = null;
        if (!only.equals("ratelimit") && !only.equals("backfill")) {
            System.out.printf("generating one day of an organization with %,d active users and %,d seats...%n", USERS, USERS);
            data = SandboxData.generate(1, List.of("big-org"), USERS, DAY, 1, Set.of(), null, 1.0);
        }
        if (only.isEmpty() || only.equals("mapping")) {
            mappingThroughput(data, work);
        }
        if (only.isEmpty() || only.equals("sync")) {
            fullSync(data, work);
        }
        if (only.isEmpty() || only.equals("ratelimit")) {
            RateLimitedBenchmark.run(work);
        }
        if (only.isEmpty() || only.equals("backfill")) {
            BackfillBenchmark.run(work);
        }
    }

    private static void mappingThroughput(SandboxData data, Path work) throws Exception {
        Path file = work.resolve("users.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode row : data.userRows("big-org", DAY)) {
                ObjectNode item = row.deepCopy();
                item.putObject("__organization").put("login", "big-org");
                out.write(item.toString());
                out.newLine();
            }
        }
        // our side runs in a JVM of its own, as the jq program does, not beside the generated data
        Process mapper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), Benchmark.class.getName(), "map", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String answer = new String(mapper.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (mapper.waitFor() != 0) {
            throw new IllegalStateException("the mapping run failed");
        }
        double ours = Double.parseDouble(answer);
        MappingDefinition.Resource resource = MappingDefinition.read(Path.of("mappings/port-app-config.yaml")).resources().stream()
                .filter(r -> r.kind().equals("user-usage-metrics")).findFirst().orElseThrow();
        String program = "{" + resource.fields().entrySet().stream().filter(e -> !e.getKey().contains("."))
                .map(e -> e.getKey() + ": ([" + e.getValue() + "][0])").collect(Collectors.joining(", "))
                + ", properties: {" + resource.fields().entrySet().stream().filter(e -> e.getKey().startsWith("properties."))
                .map(e -> e.getKey().substring("properties.".length()) + ": ([" + e.getValue() + "][0])").collect(Collectors.joining(", "))
                + "}, relations: {}}";
        long start = System.nanoTime();
        Process jq = new ProcessBuilder("jq", "-c", program, file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!jq.waitFor(30, TimeUnit.MINUTES) || jq.exitValue() != 0) {
            throw new IllegalStateException("the jq program failed on the default mapping");
        }
        double theirs = USERS / ((System.nanoTime() - start) / 1e9);
        System.out.printf("(a) mapping, default user-usage mapping (%d fields), %,d rows: ours %,.0f records/s, jq program %,.0f records/s: %.1fx%n",
                resource.fields().size(), USERS, ours, theirs, ours / theirs);
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Records per second of the shipped user-usage mapping over the file, after two rounds to warm the JIT up. */
    private static double ourMapping(Path file) throws Exception {
        MappingEngine engine = MappingEngine.load(Path.of("mappings/port-app-config.yaml"), new JqDialect(false, Map.of()));
        double perSecond = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long rows = 0;
            long entities = 0;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    rows++;
                    entities += engine.map("user-usage-metrics", JSON.readTree(line)).entities().size();
                }
            }
            perSecond = rows / ((System.nanoTime() - start) / 1e9);
            if (entities != rows) {
                throw new IllegalStateException("mapped " + entities + " entities of " + rows + " rows");
            }
        }
        return perSecond;
    }

    private static void fullSync(SandboxData data, Path work) throws Exception {
        Path mappingDir = Files.createDirectories(work.resolve("mappings/blueprints"));
        try (var files = Files.list(Path.of("mappings/blueprints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mappingDir.resolve(f.getFileName()));
            }
        }
        // the kinds of one organization's day: its totals, its users, its seats
        StringBuilder mapping = new StringBuilder("entityDeletionThreshold: 0\nresources:\n");
        String shipped = Files.readString(Path.of("mappings/port-app-config.yaml"));
        for (String block : shipped.substring(shipped.indexOf("resources:\n") + "resources:\n".length()).split("(?m)^(?=  (# .*\\n  )*- kind: )")) {
            if (block.contains("- kind: organization-usage-metrics") || block.contains("- kind: user-usage-metrics")
                    || block.contains("- kind: copilot-seats") && block.contains(".__organization != null")) {
                mapping.append(block);
            }
        }
        Path mappingFile = work.resolve("mappings/port-app-config.yaml");
        Files.writeString(mappingFile, mapping);
        try (GitHubStandIn github = new GitHubStandIn(data, "ghp_bench0000000000000000000000000000000000");
             PortStandIn port = new PortStandIn("bench", "bench-secret-0000")) {
            PortFaults.of(port).latency(Long.getLong("bench.latency", 50));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(List.of(System.getProperty("bench.jvmArgs", "-XX:+UseParallelGC").trim().split("\\s+")));
            command.addAll(List.of("-jar", Path.of("target/copilot-port-sync.jar").toAbsolutePath().toString(), "--once"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Path.of(".").toAbsolutePath().toFile())
                    .redirectOutput(work.resolve("sync.out").toFile()).redirectError(work.resolve("sync.err").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
            env.put("GITHUB_TOKEN", github.token());
            env.put("GITHUB_API_URL", github.url());
            env.put("GITHUB_ORGS", "big-org");
            env.put("GITHUB_REPORT_HOSTS", github.downloads().host());
            env.put("PORT_API_URL", port.url());
            env.put("PORT_CLIENT_ID", "bench");
            env.put("PORT_CLIENT_SECRET", "bench-secret-0000");
            env.put("SYNC_START_DAY", DAY.toString());
            env.put("SYNC_END_DAY", DAY.toString());
            env.put("MAPPING_FILE", mappingFile.toString());
            env.put("DATA_DIR", work.resolve("data").toString());
            env.put("LOG_LEVEL", System.getProperty("bench.log", "INFO"));
            long start = System.nanoTime();
            double standInCpuBefore = processCpuSeconds();
            Process sync = builder.start();
            Thread timeline = new Thread(() -> {
                int before = 0;
                StringBuilder line = new StringBuilder("    bulk requests a second (in flight on average):");
                try {
                    while (true) {
                        int inFlight = 0;
                        for (int tick = 0; tick < 10; tick++) {
                            Thread.sleep(100);
                            inFlight += port.inFlight();
                        }
                        int now = port.bulkRequests();
                        line.append(' ').append(now - before).append(String.format(" (%.1f)", inFlight / 10.0));
                        before = now;
                    }
                } catch (InterruptedException e) {
                    System.out.println(line);
                }
            });
            timeline.start();
            if (!sync.waitFor(30, TimeUnit.MINUTES)) {
                sync.destroyForcibly();
                throw new IllegalStateException("the sync did not finish in 30 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double standInCpu = processCpuSeconds() - standInCpuBefore;
            timeline.interrupt();
            timeline.join();
            String out = Files.readString(work.resolve("sync.out"));
            if (sync.exitValue() != 0) {
                throw new IllegalStateException("the sync failed:\n" + out + Files.readString(work.resolve("sync.err")));
            }
            String heap = out.lines().filter(l -> l.startsWith("Run took")).findFirst().orElse("?");
            long entities = port.holdings().values().stream().mapToLong(Map::size).sum();
            long optimum = port.holdings().values().stream().mapToLong(m -> (m.size() + 19) / 20).sum();
            System.out.printf("(b) full sync, %s, Port answering in 50 ms, PORT_CONCURRENCY 16: %,d entities in %.1f s wall "
                    + "(floor with 16 in flight: %.1f s); the jar says: %s%n", String.join(" ", command.subList(1, command.size() - 3)),
                    entities, seconds, optimum * 0.05 / 16, heap);
            System.out.printf("    most bulk requests in flight at once: %d; the stand-ins used %.1f s of CPU on the same cores%n",
                    port.maxInFlight(), standInCpu);
            System.out.printf("(c) bulk requests: %,d sent, optimum %,d: %.3fx%n", port.bulkRequests(), optimum,
                    (double) port.bulkRequests() / optimum);
            List<String> summary = new ArrayList<>(out.lines().toList());
            summary.forEach(l -> System.out.println("    " + l));
        }
    }
}
