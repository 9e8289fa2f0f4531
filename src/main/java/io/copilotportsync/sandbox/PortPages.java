package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port's Pages API as the sync uses it: GET /v1/pages/{identifier}, POST /v1/pages (409 when the identifier is
 * taken). A dashboard's widgets must be of a type Port documents, and its layout rows must name its widgets and fill
 * the 12 columns, else 422 as Port refuses it.
 */
final class PortPages {
    /** Port's documented widget types; dashboard-widget holds a layout and widgets of its own. */
    static final Set<String> WIDGET_TYPES = Set.of("dashboard-widget", "table-entities-explorer", "entity-details",
            "entities-number-chart", "entities-pie-chart", "bar-chart", "multi-line-chart", "markdown",
            "iframe-widget", "links-widget", "action-card-widget", "action-runs-table-widget", "ai-agent");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> pages = new ConcurrentHashMap<>();
    private final Set<String> createdConcurrently = ConcurrentHashMap.newKeySet();

    Map<String, ObjectNode> all() {
        return new TreeMap<>(pages);
    }

    /** The next create of this page finds it made by a concurrent creator after our check: 409. */
    void createdConcurrently(String identifier) {
        createdConcurrently.add(identifier);
    }

    void existing(ObjectNode page) {
        pages.put(page.path("identifier").asText(), page);
    }

    /** Status and body for GET of a page. */
    Object[] get(String identifier) {
        ObjectNode page = pages.get(identifier);
        return page == null
                ? new Object[] {404, "{\"ok\":false,\"error\":\"not_found\",\"message\":\"Page " + identifier + " not found\"}"}
                : new Object[] {200, JSON.createObjectNode().put("ok", true).set("page", page).toString()};
    }

    /** Status and body for POST /v1/pages. */
    Object[] create(JsonNode body) {
        if (!(body instanceof ObjectNode page) || page.path("identifier").asText("").isEmpty()) {
            return refusal("a page needs an identifier");
        }
        String problem = problem(page.path("widgets"));
        if (problem != null) {
            return refusal(problem);
        }
        if (createdConcurrently.remove(page.path("identifier").asText())) {
            pages.putIfAbsent(page.path("identifier").asText(), page.deepCopy().put("title", "made by a concurrent creator"));
        }
        if (pages.putIfAbsent(page.path("identifier").asText(), page) != null) {
            return new Object[] {409, PortStandIn.identifierTaken()};
        }
        return new Object[] {200, JSON.createObjectNode().put("ok", true).set("page", page).toString()};
    }

    private static String problem(JsonNode widgets) {
        if (!widgets.isMissingNode() && !widgets.isArray()) {
            return "widgets must be an array";
        }
        for (JsonNode w : widgets) {
            String type = w.path("type").asText("");
            if (!WIDGET_TYPES.contains(type)) {
                return "widget '" + w.path("id").asText() + "': unknown widget type '" + type + "'";
            }
            if (type.equals("dashboard-widget")) {
                String inner = problem(w.path("widgets"));
                if (inner != null) {
                    return inner;
                }
                Set<String> ids = new HashSet<>();
                w.path("widgets").forEach(x -> ids.add(x.path("id").asText()));
                for (JsonNode row : w.path("layout")) {
                    int size = 0;
                    for (JsonNode column : row.path("columns")) {
                        if (!ids.contains(column.path("id").asText())) {
                            return "layout names widget '" + column.path("id").asText() + "', which the page does not have";
                        }
                        size += column.path("size").asInt();
                    }
                    if (size != 12) {
                        return "a layout row's column sizes add up to " + size + ", not 12";
                    }
                }
            }
        }
        return null;
    }

    private static Object[] refusal(String message) {
        return new Object[] {422, JSON.createObjectNode().put("ok", false).put("error", "invalid_request").put("message", message).toString()};
    }
}
