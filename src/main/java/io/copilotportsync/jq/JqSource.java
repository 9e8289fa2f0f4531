package io.copilotportsync.jq;

/**
 * A source-level fix applied before compiling: jackson-jq writes an interpolated number with Java's formatting
 * ({@code "\(2.5)"} fine, but {@code "\(1e-5)"} as "1.0E-5"), so every interpolation in a plain string becomes
 * {@code \((EXPR) | tostring)}, which is what jq does and goes through our {@code tostring}. Interpolations in a
 * {@code @format "..."} string are left alone: the format, not tostring, decides there.
 */
public final class JqSource {
    private final String src;
    private final StringBuilder out;
    private int i;

    private JqSource(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length() + 32);
    }

    public static String rewriteInterpolations(String expression) {
        if (!expression.contains("\\(")) {
            return expression;
        }
        JqSource s = new JqSource(expression);
        s.code(false);
        return s.out.toString();
    }

    /** Copies code until the end, or (nested) until the ')' that closes an interpolation, which it consumes. */
    private void code(boolean nested) {
        int depth = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '#') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    out.append(src.charAt(i++));
                }
            } else if (c == '"') {
                boolean formatted = precededByFormat();
                out.append(c);
                i++;
                string(formatted);
            } else if (c == '(') {
                depth++;
                out.append(c);
                i++;
            } else if (c == ')') {
                if (nested && depth == 0) {
                    i++;
                    return;
                }
                depth--;
                out.append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private void string(boolean formatted) {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                out.append(c);
                i++;
                return;
            }
            if (c == '\\' && i + 1 < src.length()) {
                char next = src.charAt(i + 1);
                if (next == '(') {
                    i += 2;
                    out.append(formatted ? "\\(" : "\\((");
                    code(true);
                    out.append(formatted ? ")" : ") | tostring)");
                    continue;
                }
                out.append(c).append(next);
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
    }

    /** True when the string starting at i follows a format name such as {@code @base64}. */
    private boolean precededByFormat() {
        int j = out.length() - 1;
        while (j >= 0 && Character.isWhitespace(out.charAt(j))) {
            j--;
        }
        int end = j;
        while (j >= 0 && (Character.isLetterOrDigit(out.charAt(j)) || out.charAt(j) == '_')) {
            j--;
        }
        return j >= 0 && j < end && out.charAt(j) == '@';
    }
}
