package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main depend on each other in one direction only, so each can be read from the ones below it
 * (config, logging, jq, mapping, state, http → github, port → sync → embed, sandbox → cli); and nothing but the
 * command line reaches the sandbox, which only {@code --sandbox} needs. Read from the sources' imports and fully
 * qualified names, comments left out.
 */
class PackagesHaveNoCyclesTest {
    private static final Path MAIN = Path.of("src/main/java/io/copilotportsync");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.copilotportsync\\.([a-z]+)\\.");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void no_package_depends_on_itself_through_others() {
        Map<String, Set<String>> uses = dependencies();
        List<String> cycles = cycles(uses);
        assertTrue(cycles.isEmpty(), "package cycles in src/main: " + String.join("; ", cycles) + " (uses: " + uses + ")");
    }

    @Test
    void only_the_command_line_reaches_the_sandbox() {
        List<String> reaching = new ArrayList<>();
        dependencies().forEach((from, to) -> {
            if (to.contains("sandbox") && !from.equals("cli")) {
                reaching.add(from);
            }
        });
        assertEquals(List.of(), reaching, "packages of the sync that depend on the sandbox");
    }

    /** Package to the other packages of ours its sources name. */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path relative = MAIN.relativize(f);
                String from = relative.getNameCount() == 1 ? "(root)" : relative.getName(0).toString();
                Set<String> to = uses.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(COMMENT.matcher(read(f)).replaceAll(" "));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Each cycle once, as "a → b → a", found by a depth-first walk from every package. */
    static List<String> cycles(Map<String, Set<String>> uses) {
        Set<String> found = new TreeSet<>();
        for (String start : uses.keySet()) {
            walk(start, new ArrayDeque<>(List.of(start)), uses, found);
        }
        return new ArrayList<>(found);
    }

    private static void walk(String at, Deque<String> path, Map<String, Set<String>> uses, Set<String> found) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(path.peekFirst())) {
                List<String> cycle = new ArrayList<>(path);
                // the same cycle from each of its packages: keep the one that starts at the smallest name
                if (cycle.stream().allMatch(p -> p.compareTo(cycle.get(0)) >= 0)) {
                    cycle.add(next);
                    found.add(String.join(" → ", cycle));
                }
            } else if (!path.contains(next)) {
                path.addLast(next);
                walk(next, path, uses, found);
                path.removeLast();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
