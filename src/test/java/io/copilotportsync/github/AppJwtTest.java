package io.copilotportsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.support.GitHubAppKeys;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The App's JWT as GitHub asks for it: RS256, issued 60 s back, expiring at most 10 minutes ahead, iss the App. */
class AppJwtTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-21T10:00:00Z");

    /** A clock the test moves forward. */
    private static final class Moving extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static JsonNode part(String jwt, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @Test
    void the_jwt_is_rs256_signed_with_the_apps_key_and_carries_iat_exp_and_iss() throws Exception {
        GitHubAppKeys keys = GitHubAppKeys.generate();
        String jwt = new AppJwt("424242", keys.pair.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC)).current();
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        assertEquals(JSON.readTree("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"), part(jwt, 0));
        JsonNode claims = part(jwt, 1);
        assertEquals(NOW.getEpochSecond() - 60, claims.get("iat").asLong(), "60 s back against clock drift");
        assertEquals(NOW.plus(Duration.ofMinutes(9)).getEpochSecond(), claims.get("exp").asLong(), "within GitHub's 10 minutes");
        assertEquals(424242, claims.get("iss").asLong());
        assertTrue(claims.get("iss").isNumber());

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));
        assertTrue(!jwt.contains("="), "base64url without padding");
    }

    @Test
    void a_client_id_is_the_iss_as_a_string() throws Exception {
        String jwt = new AppJwt("Iv23liAbc", GitHubAppKeys.generate().pair.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC)).current();
        assertEquals("Iv23liAbc", part(jwt, 1).get("iss").asText());
    }

    @Test
    void one_jwt_serves_until_two_minutes_before_it_expires() throws Exception {
        Moving clock = new Moving();
        AppJwt app = new AppJwt("424242", GitHubAppKeys.generate().pair.getPrivate(), clock);
        String first = app.current();
        clock.now = NOW.plus(Duration.ofMinutes(6)).plusSeconds(59);
        assertEquals(first, app.current());
        clock.now = NOW.plus(Duration.ofMinutes(7));
        String second = app.current();
        assertNotEquals(first, second);
        assertEquals(clock.now.getEpochSecond() - 60, part(second, 1).get("iat").asLong());
    }
}
