package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Route sync-job has one branch for each {@link SourceKind.Family}, and each branch goes to a route of routes/: a
 * family added without its route fails here, not in the first run that has such a job.
 */
class SyncJobBranchesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FAMILY = Pattern.compile("^\\$\\{exchangeProperty\\.job\\.family} == '([A-Z_]+)'$");

    @Test
    void every_family_has_a_branch_to_a_route_of_its_own() throws Exception {
        TreeMap<String, String> branches = new TreeMap<>();
        JsonNode syncJob = route("sync-job");
        for (JsonNode when : syncJob.path("from").path("steps").get(0).path("choice").path("when")) {
            Matcher family = FAMILY.matcher(when.path("simple").asText());
            assertTrue(family.matches(), "a branch of sync-job tests one family: " + when.path("simple").asText());
            branches.put(family.group(1), when.path("steps").get(0).path("to").asText());
        }
        Set<String> families = Arrays.stream(SourceKind.Family.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(families, branches.keySet(), "one branch per family");
        Set<String> routeIds = routeIds();
        branches.forEach((family, to) -> {
            assertTrue(to.startsWith("direct:"), family + " goes to a route: " + to);
            assertTrue(routeIds.contains(to.substring("direct:".length())), family + " goes to " + to + ", a route of routes/");
        });
        assertEquals(branches.size(), Set.copyOf(branches.values()).size(), "each family has a route of its own: " + branches);
    }

    private static JsonNode route(String id) throws Exception {
        for (JsonNode element : YAML.readTree(Path.of("routes/sync-run.camel.yaml").toFile())) {
            if (id.equals(element.path("route").path("id").asText())) {
                return element.path("route");
            }
        }
        throw new AssertionError("routes/sync-run.camel.yaml has no route " + id);
    }

    private static Set<String> routeIds() throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode element : YAML.readTree(file.toFile())) {
                    if (element.has("route")) {
                        ids.add(element.path("route").path("id").asText());
                    }
                }
            }
        }
        return ids;
    }
}
