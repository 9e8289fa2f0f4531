package io.copilotportsync.support;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** What an application's YAML routes say to embed an instance: the route template made into a route of its own. */
public final class HostRoutes {
    private HostRoutes() {
    }

    /** The templatedRoute {@code routeId} with {@code parameters}, its summaries to {@code direct:summaries}. */
    public static void addTemplatedRoute(CamelContext host, String routeId, Map<String, String> parameters) throws Exception {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: copilot-port-sync\n    routeId: " + routeId + "\n"
                + "    parameters:\n      - { name: location, value: \"classpath:copilot-port-sync/templates.camel.yaml\" }\n"
                + "      - { name: summaryUri, value: \"direct:summaries\" }\n");
        parameters.forEach((k, v) -> yaml.append("      - { name: ").append(k).append(", value: \"").append(v).append("\" }\n"));
        PluginHelper.getRoutesLoader(host).loadRoutes(ResourceHelper.fromString(routeId + ".camel.yaml", yaml.toString()));
    }
}
