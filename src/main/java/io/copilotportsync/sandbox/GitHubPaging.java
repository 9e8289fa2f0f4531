package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** How the GitHub stand-in pages its lists: page/per_page, per_page capped by GitHub's own limit, a Link header. */
final class GitHubPaging {
    private final Supplier<String> baseUrl;
    private final Supplier<GitHubStaging> staged;

    /** @param baseUrl the stand-in's URL, the base of the links */
    GitHubPaging(Supplier<String> baseUrl, Supplier<GitHubStaging> staged) {
        this.baseUrl = baseUrl;
        this.staged = staged;
    }

    static ArrayNode array(List<? extends JsonNode> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }

    /** One page of a list (page/per_page, per_page capped by GitHub's own limit) with GitHub's Link header. */
    void page(StandInServer.Request request, HttpExchange exchange, List<? extends JsonNode> items,
              Function<List<? extends JsonNode>, JsonNode> body) throws IOException {
        int perPage = Math.min(staged.get().maxPageSize(), intQuery(request, "per_page", 30));
        int page = intQuery(request, "page", 1);
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        List<? extends JsonNode> slice = items.subList(Math.min(items.size(), (page - 1) * perPage), Math.min(items.size(), page * perPage));
        List<String> links = new ArrayList<>();
        if (page < last) {
            links.add(link(request, page + 1, "next"));
            links.add(link(request, last, "last"));
        }
        if (page > 1) {
            links.add(link(request, page - 1, "prev"));
            links.add(link(request, 1, "first"));
        }
        if (!links.isEmpty()) {
            exchange.getResponseHeaders().set("Link", String.join(", ", links));
        }
        StandInServer.send(exchange, 200, body.apply(slice));
    }

    private String link(StandInServer.Request request, int page, String rel) {
        StringBuilder query = new StringBuilder();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                if (!pair.startsWith("page=")) {
                    query.append(query.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.length() == 0 ? "" : "&").append("page=").append(page);
        return "<" + baseUrl.get() + request.path() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static int intQuery(StandInServer.Request request, String name, int fallback) {
        String v = StandInServer.query(request, name);
        try {
            return v == null ? fallback : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
