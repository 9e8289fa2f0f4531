package io.copilotportsync.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that leaves the process (log lines, the summary, dead letters, metrics labels, error
 * messages): every secret value registered at run time (the configured GitHub token, Port client secret, App key,
 * proxy and database passwords, and access tokens as they are issued), the credential after "Bearer", "token" and
 * "Basic", anything shaped like a GitHub token or a JSON Web Token, the query string of any URL, and signature
 * parameters wherever they stand (a remote side quoting our request may give a link without its scheme, or
 * escaped), because the query string of a signed report link is its credential.
 */
public final class SecretRedactor {
    public static final String MASK = "[redacted]";

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    /** "token" and "Basic" take a credential only when the next word looks like one (not "token lacks", "Basic auth"). */
    private static final Pattern TOKEN_OR_BASIC = Pattern.compile("(?i)\\b(token|basic)(\\s+)([A-Za-z0-9._~+/-]{8,}=*)");
    /** The query parameters that carry a signed link's credential: Azure SAS, AWS SigV4, Google, generic. */
    private static final Pattern SIGNED_PARAMETER = Pattern.compile("(?i)(?:(?<![A-Za-z0-9_-])|(?<=%26)|(?<=%3f))(sig|signature|x-amz-signature"
            + "|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|token)(=|%3D)((?:(?!%26)[^&\\s\"'<>#\\\\])+)");
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
        out = TOKEN_OR_BASIC.matcher(out).replaceAll(m -> looksLikeCredential(m.group(3))
                ? Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK) : Matcher.quoteReplacement(m.group()));
        out = URL_QUERY.matcher(out).replaceAll("$1?" + Matcher.quoteReplacement(MASK));
        out = SIGNED_PARAMETER.matcher(out).replaceAll(m -> m.group(3).equals(MASK) ? Matcher.quoteReplacement(m.group())
                : Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        return TOKEN_SHAPES.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** A word is a credential, not prose, when it has a digit, base64's signs, or a capital past its first letter. */
    private static boolean looksLikeCredential(String word) {
        return word.chars().anyMatch(c -> Character.isDigit(c) || c == '+' || c == '/' || c == '=' || c == '_')
                || word.substring(1).chars().anyMatch(Character::isUpperCase);
    }
}
