package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The two ways the jar offers the sync to an application, the Kamelet and the route template, declare the same
 * parameters with the same defaults, hand them to the same bean, and mark the secrets as the Kamelet format asks.
 */
class EmbeddingContractTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SECRETS = Set.copyOf(SensitiveParameters.SECRETS);

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = EmbeddingContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is shipped in the jar");
            return YAML.readTree(in);
        }
    }

    private static JsonNode kamelet() throws Exception {
        return read("kamelets/copilot-port-sync-source.kamelet.yaml");
    }

    private static JsonNode template() throws Exception {
        return read("copilot-port-sync/templates.camel.yaml").get(0).get("routeTemplate");
    }

    /** The Kamelet's parameters and their defaults (null: required, no default). */
    static Map<String, String> kameletDefaults() throws Exception {
        Map<String, String> defaults = new TreeMap<>();
        kamelet().at("/spec/definition/properties").fields().forEachRemaining(p -> defaults.put(p.getKey(),
                p.getValue().has("default") ? p.getValue().get("default").asText() : null));
        return defaults;
    }

    @Test
    void every_parameter_sets_a_variable_of_the_readme_table_and_every_variable_an_embedded_user_may_set_has_one() throws Exception {
        assertEquals(kameletDefaults().keySet(), new TreeSet<>(ParameterNames.BY_VARIABLE.values()));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String variable : ParameterNames.BY_VARIABLE.keySet()) {
            assertTrue(readme.contains("| `" + variable + "`") || readme.contains(", `" + variable + "` |"), variable + " in README's table");
        }
        // the service's own: its HTTP port, its logging, jq reading the process environment (an instance reads none)
        Set<String> serviceOnly = Set.of("MANAGEMENT_PORT", "LOG_LEVEL", "MAPPING_JQ_ENV");
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `([A-Z_]+)`(?:, `([A-Z_]+)`)? \\|").matcher(readme);
        while (row.find()) {
            for (String variable : new String[] {row.group(1), row.group(2)}) {
                if (variable != null && !serviceOnly.contains(variable)) {
                    assertTrue(ParameterNames.BY_VARIABLE.containsKey(variable), variable + " has no parameter");
                }
            }
        }
    }

    @Test
    void the_kamelet_and_the_route_template_declare_the_same_parameters_defaults_and_required_ones() throws Exception {
        JsonNode definition = kamelet().at("/spec/definition");
        Map<String, String> kameletDefaults = new TreeMap<>();
        definition.get("properties").fields().forEachRemaining(p -> kameletDefaults.put(p.getKey(),
                p.getValue().has("default") ? p.getValue().get("default").asText() : null));
        Set<String> kameletRequired = new TreeSet<>();
        definition.get("required").forEach(r -> kameletRequired.add(r.asText()));

        Map<String, String> templateDefaults = new TreeMap<>();
        Set<String> templateRequired = new TreeSet<>();
        for (JsonNode p : template().get("parameters")) {
            templateDefaults.put(p.get("name").asText(), p.has("defaultValue") ? p.get("defaultValue").asText() : null);
            if (p.path("required").asBoolean(false)) {
                templateRequired.add(p.get("name").asText());
            }
        }
        assertTrue(templateDefaults.containsKey("summaryUri"), "the template's own parameter: where summaries go");
        templateDefaults.remove("summaryUri");
        assertEquals(kameletDefaults, templateDefaults);
        assertEquals(kameletRequired, templateRequired);
        assertEquals(new TreeSet<>(List.of("portClientId", "portClientSecret", "dataDir")), kameletRequired);
    }

    @Test
    void every_kamelet_parameter_is_documented_and_the_secrets_are_passwords() throws Exception {
        kamelet().at("/spec/definition/properties").fields().forEachRemaining(p -> {
            JsonNode property = p.getValue();
            for (String field : List.of("title", "description", "type")) {
                assertFalse(property.path(field).asText("").isBlank(), p.getKey() + " has a " + field);
            }
            boolean secret = SECRETS.contains(p.getKey());
            assertEquals(secret, "password".equals(property.path("format").asText()), p.getKey() + ": format password");
            if (secret) {
                assertEquals("urn:camel:group:credentials", property.at("/x-descriptors/0").asText(), p.getKey());
            }
        });
        assertEquals("source", kamelet().at("/metadata/labels").get("camel.apache.org/kamelet.type").asText());
    }

    @Test
    void both_hand_every_parameter_but_the_sink_to_the_same_bean_which_checks_the_schedule_too() throws Exception {
        JsonNode kameletBean = kamelet().at("/spec/template/beans/0");
        JsonNode templateBean = template().at("/beans/0");
        for (JsonNode bean : List.of(kameletBean, templateBean)) {
            assertEquals("#class:" + EmbeddedSync.class.getName(), bean.get("type").asText());
            assertEquals("start", bean.get("initMethod").asText());
            assertEquals("stop", bean.get("destroyMethod").asText());
        }
        assertEquals(properties(kameletBean), properties(templateBean));
        Set<String> parameters = new TreeSet<>();
        kamelet().at("/spec/definition/properties").fieldNames().forEachRemaining(parameters::add);
        assertEquals(parameters, properties(kameletBean).keySet());
        properties(kameletBean).forEach((name, value) -> assertEquals("{{" + name + "}}", value));
        for (String name : parameters) {
            String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            EmbeddedSync.class.getMethod(setter, String.class);
        }
    }

    private static Map<String, String> properties(JsonNode bean) {
        Map<String, String> properties = new LinkedHashMap<>();
        bean.get("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), p.getValue().asText()));
        return new TreeMap<>(properties);
    }
}
