package io.copilotportsync.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text bound for a log or a terminal: every secret value registered at run time (tokens,
 * client secrets, access tokens as they are issued), anything after "Bearer ", anything shaped like a GitHub token
 * or a JSON Web Token, and the query string of any URL, because the query string of a signed report link is its
 * credential.
 */
public final class SecretRedactor {
    public static final String MASK = "[redacted]";

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)(https?://[^\\s\"'<>?]+)\\?[^\\s\"'<>]*");
    private static final Pattern TOKEN_SHAPES = Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
            // a JSON Web Token (a GitHub App's): header.claims.signature, base64url, the header starting {"
            + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})");

    private SecretRedactor() {
    }

    /** Registers a value that must never be printed; short values are ignored so that "a" does not mask the alphabet. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 6) {
            SECRETS.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        out = URL_QUERY.matcher(out).replaceAll("$1?" + Matcher.quoteReplacement(MASK));
        return TOKEN_SHAPES.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
}
