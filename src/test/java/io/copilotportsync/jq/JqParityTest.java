package io.copilotportsync.jq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.mapping.MappingDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our jq against the jq program (Debian's {@code jq}, which .ci/run installs): every case of jq-parity/cases.tsv and
 * every expression of the shipped mapping over the reference rows of its kind must give the same outputs, printed
 * as jq prints them, or fail in both.
 */
class JqParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The jq program's runs side by side: each is a process start, mostly waiting, one a case. */
    private static final java.util.concurrent.ExecutorService JQ_RUNS = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jq-program");
        t.setDaemon(true);
        return t;
    });
    private final JqDialect dialect = new JqDialect(false, Map.of());

    /** What one engine made of a case: its outputs as jq -c prints them, or that it failed. */
    private record Result(List<String> outputs, boolean failed) {
        @Override
        public String toString() {
            return failed ? "error after " + outputs : outputs.toString();
        }
    }

    private static Result jqProgram(String expression, String input) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("jq", "-c", expression).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("the jq program is needed for this test: apt-get install jq (.ci/run does)", e);
        }
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return new Result(out.lines().toList(), p.exitValue() != 0);
    }

    /** The jq program's result for a case, started now and read when needed. */
    private static java.util.concurrent.Future<Result> jqProgramLater(String expression, String input) {
        return JQ_RUNS.submit(() -> jqProgram(expression, input));
    }

    private Result ours(String expression, String input) {
        List<String> outputs = new ArrayList<>();
        try {
            JsonNode in = JqJson.normalize(JSON.readTree(input));
            for (JsonNode out : dialect.apply(dialect.compile(expression), in)) {
                outputs.add(JqJson.write(out));
            }
            return new Result(outputs, false);
        } catch (Exception | StackOverflowError e) {
            return new Result(outputs, true);
        }
    }

    /** Cases whose result depends on the clock: only the type and the failure must agree. */
    private static boolean clockDependent(String expression) {
        return expression.contains("now");
    }

    private static boolean same(Result jq, Result ours, String expression) {
        if (jq.failed() || ours.failed()) {
            return jq.failed() == ours.failed();
        }
        return clockDependent(expression) ? jq.outputs().size() == ours.outputs().size() : jq.outputs().equals(ours.outputs());
    }

    @Test
    void every_parity_case_gives_what_the_jq_program_gives() throws Exception {
        List<java.util.concurrent.Callable<String>> checks = new ArrayList<>();
        int cases = 0;
        for (String line : Files.readAllLines(Path.of("src/test/resources/jq-parity/cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            cases++;
            String expression = parts[0];
            String input = parts[1];
            Result ours = ours(expression, input);
            java.util.concurrent.Future<Result> jq = jqProgramLater(expression, input);
            checks.add(() -> {
                Result theirs = jq.get();
                return same(theirs, ours, expression) ? null
                        : expression + "   on " + input + "\n      jq:   " + theirs + "\n      ours: " + ours;
            });
        }
        List<String> differences = differences(checks);
        assertTrue(cases >= 200, "at least 200 cases: " + cases);
        assertTrue(differences.isEmpty(), differences.size() + " of " + cases + " cases differ:\n" + String.join("\n", differences));
    }

    @Test
    void every_expression_of_the_shipped_mapping_gives_what_the_jq_program_gives_on_reference_rows() throws Exception {
        MappingDefinition mapping = MappingDefinition.read(Path.of("mappings/port-app-config.yaml"));
        List<java.util.concurrent.Callable<String>> checks = new ArrayList<>();
        int pairs = 0;
        for (MappingDefinition.Resource resource : mapping.resources()) {
            JsonNode items = JSON.readTree(Path.of("src/main/resources/samples", resource.kind() + ".json").toFile());
            List<String> expressions = new ArrayList<>(resource.fields().values());
            expressions.add(resource.selectorQuery());
            for (JsonNode item : items) {
                for (String expression : expressions) {
                    pairs++;
                    Result ours = ours(expression, item.toString());
                    java.util.concurrent.Future<Result> jq = jqProgramLater(expression, item.toString());
                    checks.add(() -> {
                        Result theirs = jq.get();
                        return same(theirs, ours, expression) ? null
                                : resource.describe() + ": " + expression + "\n      jq:   " + theirs + "\n      ours: " + ours;
                    });
                }
            }
        }
        List<String> differences = differences(checks);
        assertTrue(pairs > 300, "pairs: " + pairs);
        assertTrue(differences.isEmpty(), differences.size() + " of " + pairs + " differ:\n" + String.join("\n", differences));
    }

    /** What the queued checks found: each check's difference, in order (a check that found none gives null). */
    private static List<String> differences(List<java.util.concurrent.Callable<String>> checks) throws Exception {
        List<String> differences = new ArrayList<>();
        for (java.util.concurrent.Callable<String> check : checks) {
            String difference = check.call();
            if (difference != null) {
                differences.add(difference);
            }
        }
        return differences;
    }
}
