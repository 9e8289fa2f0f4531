package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** The one jq dialect mappings are compiled in: jackson-jq in jq 1.7 mode with its builtins, loaded once. */
public final class JqRuntime {
    public static final Version VERSION = Versions.JQ_1_7;

    private final Scope scope;

    public JqRuntime() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, root);
        this.scope = Scope.newChildScope(root);
    }

    public JsonQuery compile(String expression) throws JsonQueryException {
        return JsonQuery.compile(expression, VERSION);
    }

    /** Every output of the query over the input, in order. */
    public List<JsonNode> apply(JsonQuery query, JsonNode input) throws JsonQueryException {
        List<JsonNode> out = new ArrayList<>(1);
        query.apply(scope, input, out::add);
        return out;
    }
}
