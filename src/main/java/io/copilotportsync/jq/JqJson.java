package io.copilotportsync.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * Numbers and JSON text exactly as the jq program prints them. jq holds every number as a double and prints the
 * shortest digits that read back to it, in plain notation unless the decimal point is 4 or more places left of the
 * digits or more than 15 places right of them (then {@code 1e-05}, {@code 1e+17}); jackson-jq prints Java's way.
 */
public final class JqJson {
    private static final double LONG_SAFE = 9007199254740992d; // 2^53: every integer below is exact as a double

    private JqJson() {
    }

    /** A number as jq prints it: {@code 2}, {@code 0.30000000000000004}, {@code 1e-05}, {@code 1e+17}. */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "null";
        }
        if (d > Double.MAX_VALUE) {
            d = Double.MAX_VALUE;
        } else if (d < -Double.MAX_VALUE) {
            d = -Double.MAX_VALUE;
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortest(d);
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > digits.length() + 15) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            out.append(e.length() < 2 ? "0" + e : e);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length()));
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }

    /** The fewest significant digits that read back as the same double. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Compact JSON as {@code jq -c} and {@code tojson} write it. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** What {@code tostring} and string interpolation give: a string itself, anything else its JSON. */
    public static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : write(node);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isNumber()) {
            out.append(number(node.doubleValue()));
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(node.asText());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The same value with every integral double that fits a long turned into a long, recursively: jq has no
     * integral/fractional distinction, and {@code 2.0} must not reach Port, an identifier or a string as "2.0".
     */
    public static JsonNode normalize(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < LONG_SAFE && !(d == 0 && 1 / d < 0)) {
                return LongNode.valueOf((long) d);
            }
            return node.isDouble() ? node : DoubleNode.valueOf(d);
        }
        if (node.isBigInteger()) {
            return DoubleNode.valueOf(node.doubleValue());
        }
        if (node.isContainerNode() && containsFloat(node)) {
            if (node.isArray()) {
                var copy = JsonNodeFactory.instance.arrayNode(node.size());
                node.forEach(child -> copy.add(normalize(child)));
                return copy;
            }
            var copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalize(e.getValue())));
            return copy;
        }
        return node;
    }

    /**
     * The same normalization done in place, for a tree that is ours alone (a line just parsed): no copy of the
     * record is made to turn its {@code 4000.0} into {@code 4000}. Only what changes is written, so a normalized
     * subtree shared by many records (a scope's context) is only read.
     */
    public static JsonNode normalizeInPlace(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return normalize(node);
        }
        if (node.isArray()) {
            var array = (com.fasterxml.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isContainerNode()) {
                    normalizeInPlace(child);
                } else if (child.isFloatingPointNumber() || child.isBigInteger()) {
                    JsonNode normalized = normalize(child);
                    if (normalized != child) {
                        array.set(i, normalized);
                    }
                }
            }
        } else {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            for (var it = object.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode child = e.getValue();
                if (child.isContainerNode()) {
                    normalizeInPlace(child);
                } else if (child.isFloatingPointNumber() || child.isBigInteger()) {
                    JsonNode normalized = normalize(child);
                    if (normalized != child) {
                        e.setValue(normalized);
                    }
                }
            }
        }
        return node;
    }

    private static boolean containsFloat(JsonNode node) {
        if (node.isFloatingPointNumber() || node.isBigInteger()) {
            return true;
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() || child.isFloatingPointNumber() || child.isBigInteger()) {
                if (containsFloat(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
