package io.copilotportsync.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the one redactor removes from any text that leaves the process, and what it leaves readable. */
class SecretRedactorTest {
    private static final String M = SecretRedactor.MASK;

    @Test
    void a_registered_secret_is_removed_wherever_it_stands() {
        // other tests register their settings' values in this JVM too (such as "secret"): these words are not among them
        String secret = "pw-" + UUID.randomUUID();
        SecretRedactor.register(secret);
        assertEquals("Port refused " + M + " (" + M + ")", SecretRedactor.redact("Port refused " + secret + " (" + secret + ")"));
    }

    @Test
    void bearer_token_and_basic_credentials_are_removed() {
        assertEquals("Bad credentials: Bearer " + M + " url", SecretRedactor.redact("Bad credentials: Bearer abc.def-ghi url"));
        assertEquals("Authorization: token " + M, SecretRedactor.redact("Authorization: token 0f1e2d3c4b5a69788796a5b4"));
        assertEquals("Proxy-Authorization: Basic " + M, SecretRedactor.redact("Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA=="));
        assertEquals("basic " + M + ";", SecretRedactor.redact("basic c3luYy1ib3Q6czNjcmV0;"));
    }

    @Test
    void the_words_token_and_basic_in_prose_are_kept() {
        for (String prose : new String[] {"the token lacks permission", "GITHUB_TOKEN is not accepted: check that the token is valid",
                "Basic authentication is not supported", "a classic token (GITHUB_TOKEN) with read:enterprise",
                "the token expired."}) {
            assertEquals(prose, SecretRedactor.redact(prose));
        }
    }

    @Test
    void github_tokens_and_json_web_tokens_are_removed_by_their_shape() {
        assertEquals("got " + M + " and " + M, SecretRedactor.redact("got ghp_0123456789abcdefghijABCDEFGHIJ and "
                + "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"));
        assertEquals("jwt " + M, SecretRedactor.redact("jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjMifQ.c2lnbmF0dXJlLXBhcnQ"));
    }

    @Test
    void the_query_string_of_a_url_is_removed() {
        assertEquals("from https://h.blob.core.windows.net/r/1.ndjson?" + M + " answered 403",
                SecretRedactor.redact("from https://h.blob.core.windows.net/r/1.ndjson?sv=2025-01-05&se=2099&sig=abc%2Bdef answered 403"));
    }

    @Test
    void signature_parameters_are_removed_from_links_without_a_scheme_escaped_or_encoded() {
        assertEquals("GET /r/1.ndjson?sv=2025-01-05&se=2099-01-01&sig=" + M + " with",
                SecretRedactor.redact("GET /r/1.ndjson?sv=2025-01-05&se=2099-01-01&sig=sig-0123abcd with"));
        assertEquals("{\"url\":\"https:\\/\\/h\\/r?sig=" + M + "\"}", SecretRedactor.redact("{\"url\":\"https:\\/\\/h\\/r?sig=xYz987\"}"));
        assertEquals("next=https%3A%2F%2Fh%2Fr%3Fsv%3D1%26sig%3D" + M + "%26se%3D2",
                SecretRedactor.redact("next=https%3A%2F%2Fh%2Fr%3Fsv%3D1%26sig%3Dab%2Bcd%26se%3D2"));
        assertEquals("/o?X-Amz-Credential=" + M + "&X-Amz-Date=20260101T000000Z&X-Amz-Signature=" + M,
                SecretRedactor.redact("/o?X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Fus-east-1&X-Amz-Date=20260101T000000Z"
                        + "&X-Amz-Signature=0badc0de"));
        assertEquals("/o?X-Goog-Signature=" + M + "&signature=" + M + "&token=" + M,
                SecretRedactor.redact("/o?X-Goog-Signature=beef&signature=cafe&token=f00d"));
    }

    @Test
    void redacting_twice_changes_nothing_more() {
        String text = "Bearer abc url /r?sig=x1 https://h/p?q=1 token 0f1e2d3c4b5a6978 Basic dXNlcjpwYXNz";
        String once = SecretRedactor.redact(text);
        assertEquals(once, SecretRedactor.redact(once));
        assertFalse(once.contains("x1") || once.contains("0f1e2d3c") || once.contains("dXNlcjpwYXNz"), once);
    }
}
