package io.copilotportsync.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An organization or the enterprise a run syncs, with the context object the mappings see for it
 * ({@code __organization} is the full org object when discovered, else {@code {login}}; {@code __enterprise} is {@code {slug}}).
 */
public record Scope(Type type, String name, JsonNode context) {

    public enum Type { ORGANIZATION, ENTERPRISE }

    /** The GitHub API path of the scope, {@code /orgs/NAME} or {@code /enterprises/NAME}. */
    public String apiPath() {
        return (type == Type.ORGANIZATION ? "/orgs/" : "/enterprises/") + name;
    }

    /** The field that carries the context on every raw item. */
    public String contextKey() {
        return type == Type.ORGANIZATION ? "__organization" : "__enterprise";
    }

    /** How the summary and logs name the scope: the organization's login, or {@code enterprise:slug}. */
    public String label() {
        return type == Type.ORGANIZATION ? name : "enterprise:" + name;
    }
}
