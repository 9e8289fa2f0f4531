package io.copilotportsync.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exchange properties the routes and the beans share are the ones {@link PropertyNames} declares: a route that
 * reads or sets a name nobody declared (a typo, or a new property without its line) fails here, as does a bean that
 * names a property by a string of its own, or a declared name that nothing uses any more.
 */
class PropertyNamesTest {
    /** How routes/ name a property: Simple, the setProperty/removeProperty steps, the exchangeProperty language, jq. */
    private static final List<Pattern> IN_ROUTES = List.of(
            Pattern.compile("exchangeProperty\\.(\\w+)"),
            Pattern.compile("(?:setProperty|removeProperty):\\s*\\n\\s*name:\\s*(\\w+)"),
            Pattern.compile("exchangeProperty:\\s*(\\w+)"),
            Pattern.compile("property\\(\"(\\w+)\"\\)"));
    private static final Pattern IN_JAVA = Pattern.compile("PropertyNames\\.([A-Z_]+)");
    private static final Pattern LITERAL = Pattern.compile("(?<!System\\.)(?:get|set|remove)Property\\(\"|ExchangeProperty\\(\"");

    @Test
    void every_property_the_routes_name_is_declared() throws IOException {
        Map<String, String> declared = declared();
        TreeMap<String, String> undeclared = new TreeMap<>();
        routeNames().forEach((name, where) -> {
            if (!declared.containsValue(name) && !name.startsWith("Camel")) {
                undeclared.put(name, where);
            }
        });
        assertEquals(Map.of(), undeclared, "properties the routes use (name = file) that PropertyNames does not declare");
    }

    @Test
    void beans_name_properties_only_through_the_declaration() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path file : javaSources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (LITERAL.matcher(lines.get(i)).find()) {
                    literals.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), literals, "property names given as strings instead of PropertyNames' constants");
    }

    @Test
    void every_declared_property_is_used_and_named_once() throws IOException {
        Map<String, String> declared = declared();
        assertEquals(declared.size(), new TreeSet<>(declared.values()).size(), "two constants with one name: " + declared);
        TreeSet<String> used = new TreeSet<>(routeNames().keySet());
        for (Path file : javaSources()) {
            Matcher m = IN_JAVA.matcher(Files.readString(file));
            while (m.find()) {
                assertTrue(declared.containsKey(m.group(1)), file + " names PropertyNames." + m.group(1));
                used.add(declared.get(m.group(1)));
            }
        }
        TreeSet<String> unused = new TreeSet<>(declared.values());
        unused.removeAll(used);
        assertEquals(new TreeSet<>(), unused, "declared properties that no route and no bean uses");
    }

    /** Constant name to property name. */
    private static Map<String, String> declared() {
        Map<String, String> names = new TreeMap<>();
        for (Field f : PropertyNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.put(f.getName(), (String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(names.size() > 40, "PropertyNames read by reflection: " + names.size());
        return names;
    }

    /** Property name to the first route file that names it. */
    private static Map<String, String> routeNames() throws IOException {
        Map<String, String> names = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(file);
                for (Pattern p : IN_ROUTES) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        names.putIfAbsent(m.group(1), file.getFileName().toString());
                    }
                }
            }
        }
        assertTrue(names.containsKey("status") && names.containsKey("claimed"), "the routes' names were read: " + names.keySet());
        return names;
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("PropertyNames.java")).sorted().toList();
        }
    }
}
