package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README's table of route files lists every route, template and route configuration of routes/, and nothing else. */
class RoutesTableTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ROW = Pattern.compile("^\\| `(routes/[^`]+)` \\| (.*) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z0-9-]+)`");

    @Test
    void the_readme_table_names_each_route_of_each_file() throws Exception {
        Map<String, List<String>> inFiles = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> ids = new ArrayList<>();
                for (JsonNode element : YAML.readTree(file.toFile())) {
                    element.fields().forEachRemaining(e -> ids.add(e.getValue().has("routeId")
                            ? e.getValue().get("routeId").asText() : e.getValue().path("id").asText()));
                }
                inFiles.put("routes/" + file.getFileName(), ids.stream().sorted().toList());
            }
        }
        Map<String, List<String>> inReadme = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                List<String> names = new ArrayList<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    if (!name.group(1).contains("/")) {
                        names.add(name.group(1));
                    }
                }
                inReadme.put(row.group(1), names.stream().sorted().toList());
            }
        }
        assertEquals(inFiles, inReadme);
    }
}
