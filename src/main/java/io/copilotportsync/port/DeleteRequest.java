package io.copilotportsync.port;

import java.util.List;

/** Entities a snapshot kind no longer produces, to delete in Port: up to 100 identifiers of one blueprint. */
public record DeleteRequest(String kind, String scope, String blueprint, List<String> identifiers) {
    public static final int MAX = 100;

    public String path() {
        return "/v1/blueprints/" + blueprint + "/bulk/entities/delete";
    }

    public String json() {
        StringBuilder json = new StringBuilder("{\"entities\":[");
        for (int i = 0; i < identifiers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(identifiers.get(i)));
        }
        return json.append("]}").toString();
    }
}
