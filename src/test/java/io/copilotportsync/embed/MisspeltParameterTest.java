package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelContextTracker;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter the Kamelet or the template does not declare stops the host's start with its name and the declared
 * one nearest to it, before an instance starts: a misspelt organization list never widens the sync to every
 * organization the token can see.
 */
class MisspeltParameterTest {
    @Test
    void a_misspelt_kamelet_parameter_stops_the_host_naming_it_and_the_parameter_meant(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = parameters(tenant);
            parameters.put("githubOrganizations", parameters.remove("githubOrgs"));
            String uri = "kamelet:copilot-port-sync-source?" + parameters.entrySet().stream()
                    .map(p -> p.getKey() + "=RAW(" + p.getValue() + ")").collect(Collectors.joining("&"));
            CamelContext host = new DefaultCamelContext();
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("copilot-usage").to("log:summary");
                }
            });
            assertEquals("parameter githubOrganizations is not a parameter of the Kamelet copilot-port-sync-source (route"
                    + " copilot-usage): did you mean githubOrgs?", refusal(host));
        }
    }

    @Test
    void a_misspelt_template_parameter_stops_the_host_naming_it_and_the_parameter_meant(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            CamelContext host = new DefaultCamelContext();
            TemplatedRouteBuilder template = TemplatedRouteBuilder.builder(host, "copilot-port-sync").routeId("copilot-usage")
                    .parameter("location", "classpath:copilot-port-sync/templates.camel.yaml");
            Map<String, String> parameters = parameters(tenant);
            parameters.put("githubOrg", parameters.remove("githubOrgs"));
            parameters.forEach(template::parameter);
            assertEquals("parameter githubOrg is not a parameter of the route template copilot-port-sync (route"
                    + " copilot-usage): did you mean githubOrgs?", refusal(host, template::add));
        }
    }

    @Test
    void a_misspelt_parameter_of_a_yaml_templated_route_stops_the_host_too(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = parameters(tenant);
            parameters.put("portClientSecrets", parameters.remove("portClientSecret"));
            StringBuilder yaml = new StringBuilder("""
                    - templatedRoute:
                        routeTemplateRef: copilot-port-sync
                        routeId: copilot-usage
                        parameters:
                          - { name: location, value: "classpath:copilot-port-sync/templates.camel.yaml" }
                          - { name: portClientSecret, value: "{{tenant.port-secret}}" }
                    """);
            parameters.forEach((name, value) -> yaml.append("      - { name: ").append(name).append(", value: \"").append(value)
                    .append("\" }\n"));
            CamelContext host = new DefaultCamelContext();
            host.getPropertiesComponent().addInitialProperty("tenant.port-secret", tenant.clientSecret);
            String message = refusal(host, () -> PluginHelper.getRoutesLoader(host)
                    .loadRoutes(ResourceHelper.fromString("host.camel.yaml", yaml.toString())));
            assertEquals("parameter portClientSecrets is not a parameter of the route template copilot-port-sync (route"
                    + " copilot-usage): did you mean portClientSecret?", message);
        }
    }

    @Test
    void a_camel_main_host_with_a_misspelt_parameter_in_its_properties_stops_with_it_named(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Path routes = java.nio.file.Files.writeString(dir.resolve("host.camel.yaml"), """
                    - route:
                        id: copilot-usage
                        from:
                          uri: kamelet:copilot-port-sync-source
                          steps:
                            - to: log:summary
                    """);
            Map<String, String> kamelet = new LinkedHashMap<>();
            kamelet.put("camel.main.routes-include-pattern", "file:" + routes);
            parameters(tenant).forEach((name, value) -> kamelet.put("camel.kamelet.copilot-port-sync-source." + name, value));
            kamelet.put("camel.kamelet.copilot-port-sync-source.githubOrganizations", kamelet.remove(
                    "camel.kamelet.copilot-port-sync-source.githubOrgs"));
            assertEquals("parameter githubOrganizations is not a parameter of the Kamelet copilot-port-sync-source (route"
                    + " copilot-usage): did you mean githubOrgs?", mainRefusal(kamelet));

            Map<String, String> template = new LinkedHashMap<>();
            template.put("camel.main.routes-include-pattern", "classpath:copilot-port-sync/templates.camel.yaml");
            template.put("camel.route-template[copilot-usage].template-id", "copilot-port-sync");
            parameters(tenant).forEach((name, value) -> template.put("camel.route-template[copilot-usage]." + name, value));
            template.put("camel.route-template[copilot-usage].githubOrg", template.remove("camel.route-template[copilot-usage].githubOrgs"));
            assertEquals("parameter githubOrg is not a parameter of the route template copilot-port-sync (route"
                    + " copilot-usage): did you mean githubOrgs?", mainRefusal(template));
        }
    }

    /** The root cause's message when a camel-main host with these properties starts. */
    private static String mainRefusal(Map<String, String> properties) throws Exception {
        org.apache.camel.main.Main main = new org.apache.camel.main.Main();
        properties.forEach(main::addInitialProperty);
        Exception e = assertThrows(Exception.class, main::start);
        main.stop();
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void names_camel_spells_in_kebab_case_and_camel_s_own_are_not_unknown() {
        List<String> declared = List.of("githubOrgs", "kinds", "portClientSecret");
        assertEquals(List.of(), TemplateParameterCheck.unknownNames(java.util.Set.of("githubOrgs", "github-orgs", "kinds",
                "routeId", "route-id", "templateId", "uuid", "parentRouteId", "bridgeErrorHandler"), declared));
    }

    @Test
    void several_unknown_names_are_one_line_with_the_parameter_meant_for_each() {
        List<String> declared = List.of("githubOrgs", "kinds", "portClientSecret");
        List<String> unknown = TemplateParameterCheck.unknownNames(java.util.Set.of("kind", "github-org", "githubOrg"), declared);
        assertEquals(List.of("githubOrg", "kind"), unknown);
        assertEquals("parameters githubOrg, kind are not parameters of the route template copilot-port-sync (route r):"
                + " did you mean githubOrgs for githubOrg, kinds for kind?",
                TemplateParameterCheck.refusal(unknown, declared, "the route template copilot-port-sync (route r)"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String refusal(CamelContext host) throws Exception {
        return refusal(host, () -> { });
    }

    /** The root cause's message when the host's routes are added and it starts; no instance of the sync started. */
    private static String refusal(CamelContext host, Step routes) throws Exception {
        List<CamelContext> contexts = new CopyOnWriteArrayList<>();
        CamelContextTracker tracker = new CamelContextTracker() {
            @Override
            public void contextCreated(CamelContext context) {
                contexts.add(context);
            }
        };
        tracker.open();
        Throwable root;
        try {
            Exception e = assertThrows(Exception.class, () -> {
                routes.run();
                host.start();
            });
            root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
        } finally {
            host.stop();
            tracker.close();
        }
        assertTrue(contexts.stream().noneMatch(c -> c.getName().startsWith("copilot-port-sync-")),
                "an instance started: " + contexts.stream().map(CamelContext::getName).toList());
        return root.getMessage();
    }

    /** Every parameter an instance needs, pointed at the tenant's stand-ins, on a schedule that never fires. */
    private static Map<String, String> parameters(StandIns tenant) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("schedule", "0 0 3 1 1 ? 2099");
        p.put("githubToken", tenant.env.get("GITHUB_TOKEN"));
        p.put("githubApiUrl", tenant.env.get("GITHUB_API_URL"));
        p.put("githubOrgs", tenant.env.get("GITHUB_ORGS"));
        p.put("portApiUrl", tenant.env.get("PORT_API_URL"));
        p.put("portClientId", tenant.env.get("PORT_CLIENT_ID"));
        p.put("portClientSecret", tenant.env.get("PORT_CLIENT_SECRET"));
        p.put("dataDir", tenant.env.get("DATA_DIR"));
        return p;
    }
}
