package io.copilotportsync.embed;

import io.copilotportsync.config.ConfigurationException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Refuses a route made from the Kamelet or the route template with a parameter they do not declare: Camel takes any
 * name silently, and a misspelt {@code githubOrgs} would let the sync read every organization the token can see.
 * The check runs on the route's definition, before its beans exist, so no instance starts; the host's own templates
 * are left alone.
 */
public final class TemplateParameterCheck implements ContextServicePlugin {
    static final String KAMELET = "copilot-port-sync-source";
    static final String TEMPLATE = "copilot-port-sync";
    /** How the route of either begins: a route from one of them, not from a template of the host's. */
    private static final String SCHEDULE = "quartz:copilot-port-sync/";
    /**
     * What Camel itself puts among a route's template parameters: its own keys and the Kamelet endpoint's options
     * (the properties of camel-kamelet's kamelet.json), compared as {@link #normal} spells them.
     */
    private static final Set<String> CAMEL_OWN = Set.of("templateid", "routeid", "uuid", "location", "parentrouteid",
            "parentprocessorid", "bridgeerrorhandler", "noerrorhandler", "exceptionhandler", "exchangepattern", "block",
            "timeout", "failifnoconsumers", "lazystartproducer");

    @Override
    public void load(CamelContext context) {
        // the model does not exist yet while plugins load; routes added before the context initializes are checked then
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext initializing) {
                Model model = initializing.getCamelContextExtension().getContextPlugin(Model.class);
                if (model == null) {
                    return;
                }
                model.getRouteDefinitions().forEach(route -> check(initializing, model, route));
                model.addModelLifecycleStrategy(new ModelLifecycleStrategySupport() {
                    @Override
                    public void onAddRouteDefinition(RouteDefinition route) {
                        check(initializing, model, route);
                    }
                });
            }
        });
    }

    /**
     * Throws a {@link ConfigurationException} naming each undeclared parameter of a route from the Kamelet or the
     * template; a parameter given as the host's property of its own name takes that property's value.
     */
    static void check(CamelContext context, Model model, RouteDefinition route) {
        Map<String, Object> given = route.getTemplateParameters();
        if (given == null || route.getInput() == null || !route.getInput().getUri().startsWith(SCHEDULE)) {
            return;
        }
        // Camel names the template among the parameters of a Kamelet's route only
        String templateId = KAMELET.equals(given.get("templateId")) ? KAMELET : TEMPLATE;
        RouteTemplateDefinition template = model.getRouteTemplateDefinition(templateId);
        if (template == null) {
            return;
        }
        List<String> declared = template.getTemplateParameters().stream().map(RouteTemplateParameterDefinition::getName).toList();
        List<String> unknown = unknownNames(given.keySet(), declared);
        String of = (KAMELET.equals(templateId) ? "the Kamelet " : "the route template ") + templateId
                + " (route " + given.getOrDefault("parentRouteId", route.getId()) + ")";
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(refusal(unknown, declared, of));
        }
        HostPropertyReferences.resolve(given, context.getPropertiesComponent(), of);
    }

    /** "parameter githubOrg is not a parameter of ...: did you mean githubOrgs?", one line for one or several names. */
    static String refusal(List<String> unknown, List<String> declared, String of) {
        if (unknown.size() == 1) {
            return "parameter " + unknown.get(0) + " is not a parameter of " + of + ": did you mean " + nearest(unknown.get(0), declared) + "?";
        }
        List<String> meant = unknown.stream().map(name -> nearest(name, declared) + " for " + name).toList();
        return "parameters " + String.join(", ", unknown) + " are not parameters of " + of + ": did you mean "
                + String.join(", ", meant) + "?";
    }

    /** Camel adds each name as given and in kebab case: one name per parameter, as given when it has no dash. */
    static List<String> unknownNames(Set<String> given, List<String> declared) {
        Set<String> known = new HashSet<>(CAMEL_OWN);
        declared.forEach(name -> known.add(normal(name)));
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String name : given) {
            String key = normal(name);
            if (!known.contains(key) && (!unknown.containsKey(key) || unknown.get(key).contains("-"))) {
                unknown.put(key, name);
            }
        }
        return unknown.values().stream().sorted().toList();
    }

    /** The declared parameter fewest edits away (case and dashes aside); the first declared on a tie. */
    static String nearest(String name, List<String> declared) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : declared) {
            int distance = editDistance(normal(name), normal(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String normal(String name) {
        return name.replace("-", "").toLowerCase(Locale.ENGLISH);
    }
}
