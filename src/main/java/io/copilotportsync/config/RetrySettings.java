package io.copilotportsync.config;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits of the retry policy: {@code RETRY_MAX_WAIT}, the longest a call waits before it is tried again (a
 * Retry-After or rate-limit reset beyond it fails the call at once), and {@code GITHUB_FAILURES_BEFORE_SKIP}, the
 * GitHub calls of one scope that may fail in a row before the scope is skipped for the rest of the run.
 */
public record RetrySettings(Duration maxWait, int failuresBeforeSkip) {
    public static final RetrySettings DEFAULT = new RetrySettings(Duration.ofMinutes(15), 10);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)?");

    static RetrySettings from(Function<String, String> env) {
        return new RetrySettings(duration("RETRY_MAX_WAIT", env.apply("RETRY_MAX_WAIT"), DEFAULT.maxWait),
                failures("GITHUB_FAILURES_BEFORE_SKIP", env.apply("GITHUB_FAILURES_BEFORE_SKIP"), DEFAULT.failuresBeforeSkip));
    }

    /** A duration as seconds ({@code 900}) or with a unit: {@code 90s}, {@code 15m}, {@code 1h}; at least a second. */
    static Duration duration(String name, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.trim().toLowerCase());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (!d.isZero()) {
                return d;
            }
        }
        throw new ConfigurationException(name + " must be a duration of at least a second, as seconds (900) or with a unit"
                + " (90s, 15m, 1h), got '" + value.trim() + "'");
    }

    private static int failures(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(name + " must be a whole number from 1 to 1000, got '" + value.trim() + "'");
    }
}
