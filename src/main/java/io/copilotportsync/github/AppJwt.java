package io.copilotportsync.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App authenticates as itself with (RS256, signed with the App's private key): issued
 * 60 s in the past against clock drift, expiring 10 minutes after that, GitHub's longest. One is reused until two
 * minutes before it expires.
 */
public final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration REUSE_MARGIN = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;
    private String jwt;
    private Instant expires = Instant.MIN;

    public AppJwt(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    /** A JWT with at least two minutes to live. */
    public synchronized String current() {
        Instant now = clock.instant();
        if (jwt == null || !now.isBefore(expires.minus(REUSE_MARGIN))) {
            Instant issued = now.minus(BACKDATE);
            expires = issued.plus(LIFETIME);
            jwt = sign(issued, expires);
        }
        return jwt;
    }

    private String sign(Instant issued, Instant expiry) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode().put("iat", issued.getEpochSecond()).put("exp", expiry.getEpochSecond());
        if (appId.chars().allMatch(Character::isDigit)) {
            claims.put("iss", Long.parseLong(appId));
        } else {
            claims.put("iss", appId);
        }
        String signingInput = encode(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the GitHub App's private key cannot sign (" + e.getClass().getSimpleName()
                    + "): check GITHUB_APP_PRIVATE_KEY", e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
