package io.copilotportsync.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;


/**
 * The one jq of the project, for mappings and for the jq in routes alike (the root scope is bound as a bean, and
 * camel-jq takes a Scope bean as its root): jackson-jq in jq 1.7 mode, with the functions where it lacks or
 * differs from the jq program replaced: number printing (tostring, tojson, join, round, floor, ceil), and the
 * date functions (todate, fromdate, todateiso8601, fromdateiso8601, gmtime, mktime, strptime, strftime, dateadd,
 * datesub, date). {@code env} and {@code $ENV} exist only when enabled (MAPPING_JQ_ENV).
 */
public final class JqDialect {
    public static final Version VERSION = Versions.JQ_1_7;

    private final Scope root;
    private final Scope scope;

    public JqDialect(boolean envEnabled, Map<String, String> environment) {
        root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, root);
        registerNumbers(root);
        registerDates(root);
        if (envEnabled) {
            ObjectNode env = JsonNodeFactory.instance.objectNode();
            environment.forEach(env::put);
            root.setValue("ENV", env);
            root.addFunction("env", 0, (s, args, in, path, out, v) -> out.emit(env, null));
        } else {
            root.addFunction("env", 0, (s, args, in, path, out, v) -> {
                throw new JsonQueryException("env is disabled: set MAPPING_JQ_ENV=true to let mappings read the environment");
            });
        }
        scope = Scope.newChildScope(root);
    }

    /** The root scope, for camel-jq (which adds its header/property functions to it). */
    public Scope rootScope() {
        return root;
    }

    public JsonQuery compile(String expression) throws JsonQueryException {
        return JsonQuery.compile(JqSource.rewriteInterpolations(expression), VERSION);
    }

    /** Every output of the query, each normalized so that integral numbers are integers, as jq prints them. */
    public List<JsonNode> apply(JsonQuery query, JsonNode input) throws JsonQueryException {
        List<JsonNode> out = new ArrayList<>(1);
        query.apply(scope, input, node -> out.add(JqJson.normalize(node)));
        return out;
    }

    private static void emit(net.thisptr.jackson.jq.PathOutput out, JsonNode value) throws JsonQueryException {
        out.emit(value, null);
    }

    private static void registerNumbers(Scope root) {
        root.addFunction("tostring", 0, (s, args, in, path, out, v) -> emit(out, TextNode.valueOf(JqJson.text(in))));
        root.addFunction("tojson", 0, (s, args, in, path, out, v) -> emit(out, TextNode.valueOf(JqJson.write(in))));
        root.addFunction("round", 0, number("round", d -> Math.signum(d) * Math.floor(Math.abs(d) + 0.5)));
        root.addFunction("floor", 0, number("floor", Math::floor));
        root.addFunction("ceil", 0, number("ceil", Math::ceil));
        root.addFunction("join", 1, (s, args, in, path, out, v) -> each(s, args.get(0), in, separator -> {
            if (!separator.isTextual() && !separator.isNull()) {
                throw new JsonQueryException("Cannot join with " + separator.getNodeType().name().toLowerCase());
            }
            if (!in.isArray() && !in.isObject()) {
                throw new JsonQueryException("Cannot iterate over " + in.getNodeType().name().toLowerCase());
            }
            StringBuilder joined = new StringBuilder();
            boolean first = true;
            for (JsonNode item : in) {
                if (!first && separator.isTextual()) {
                    joined.append(separator.textValue());
                }
                first = false;
                if (item.isContainerNode()) {
                    throw new JsonQueryException("Cannot join with " + item.getNodeType().name().toLowerCase());
                }
                joined.append(item.isNull() ? "" : JqJson.text(item));
            }
            emit(out, TextNode.valueOf(joined.toString()));
        }));
    }

    private interface DoubleOp {
        double apply(double d);
    }

    private static Function number(String name, DoubleOp op) {
        return (s, args, in, path, out, v) -> {
            if (!in.isNumber()) {
                throw new JsonQueryException(name + " is not applicable to " + in.getNodeType().name().toLowerCase());
            }
            emit(out, JqJson.normalize(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(op.apply(in.asDouble()))));
        };
    }

    private interface ArgConsumer {
        void accept(JsonNode arg) throws JsonQueryException;
    }

    private static void each(Scope s, Expression arg, JsonNode in, ArgConsumer consumer) throws JsonQueryException {
        List<JsonNode> values = new ArrayList<>(1);
        arg.apply(s, in, values::add);
        for (JsonNode value : values) {
            consumer.accept(value);
        }
    }

    private interface TimeOp {
        JsonNode apply(JsonNode in) throws Exception;
    }

    private static Function time(String name, TimeOp op) {
        return (s, args, in, path, out, v) -> {
            try {
                emit(out, op.apply(in));
            } catch (JsonQueryException e) {
                throw e;
            } catch (Exception e) {
                throw new JsonQueryException(e.getMessage() == null ? name + " failed" : e.getMessage());
            }
        };
    }

    private static JsonNode requireNumber(String name, JsonNode in) {
        if (!in.isNumber()) {
            throw new IllegalArgumentException(name + "() requires a number");
        }
        return in;
    }

    private static String requireString(String name, JsonNode in) {
        if (!in.isTextual()) {
            throw new IllegalArgumentException(name + "/1 requires string inputs and arguments");
        }
        return in.textValue();
    }

    private static void registerDates(Scope root) {
        String iso = "%Y-%m-%dT%H:%M:%SZ";
        Function todate = time("todate", in -> TextNode.valueOf(JqTime.strftime(in, iso)));
        Function fromdate = time("fromdate", in -> LongNode.valueOf(JqTime.mktime(JqTime.strptime(requireString("strptime", in), iso))));
        root.addFunction("todate", 0, todate);
        root.addFunction("todateiso8601", 0, todate);
        root.addFunction("date", 0, todate);
        root.addFunction("fromdate", 0, fromdate);
        root.addFunction("fromdateiso8601", 0, fromdate);
        root.addFunction("gmtime", 0, time("gmtime", in -> JqTime.gmtime(requireNumber("gmtime", in).asDouble())));
        root.addFunction("mktime", 0, time("mktime", in -> LongNode.valueOf(JqTime.mktime(in))));
        root.addFunction("strftime", 1, (s, args, in, path, out, v) -> each(s, args.get(0), in, format -> {
            if (!format.isTextual()) {
                throw new JsonQueryException("strftime/1 requires a string format");
            }
            time("strftime", x -> TextNode.valueOf(JqTime.strftime(x, format.textValue()))).apply(s, List.of(), in, path, out, v);
        }));
        root.addFunction("strptime", 1, (s, args, in, path, out, v) -> each(s, args.get(0), in, format -> {
            if (!format.isTextual() || !in.isTextual()) {
                throw new JsonQueryException("strptime/1 requires string inputs and arguments");
            }
            time("strptime", x -> JqTime.strptime(x.textValue(), format.textValue())).apply(s, List.of(), in, path, out, v);
        }));
        // jq 1.5's definitions: dateadd(u; n) is .+n, datesub(u; n) is .-n (the unit is not used)
        root.addFunction("dateadd", 2, (s, args, in, path, out, v) -> each(s, args.get(1), in,
                n -> emit(out, JqJson.normalize(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(in.asDouble() + n.asDouble())))));
        root.addFunction("datesub", 2, (s, args, in, path, out, v) -> each(s, args.get(1), in,
                n -> emit(out, JqJson.normalize(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(in.asDouble() - n.asDouble())))));
    }
}
