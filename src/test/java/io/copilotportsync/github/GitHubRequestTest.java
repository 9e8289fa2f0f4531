package io.copilotportsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The GitHub token goes only to GITHUB_API_URL, with GitHub's headers, and a rel="next" chain is bounded. */
class GitHubRequestTest {
    private final GitHubRequest request = new GitHubRequest("https://api.github.com", "ghp_token_for_this_test", "2026-03-10", null);

    private Exchange exchange(String absoluteUrl) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_URI, absoluteUrl);
        return exchange;
    }

    @Test
    void a_next_link_on_the_api_host_gets_githubs_headers() {
        Exchange e = exchange("https://api.github.com/orgs/o/copilot/billing/seats?page=2");
        request.apply(e);
        assertEquals("Bearer ghp_token_for_this_test", e.getMessage().getHeader("Authorization"));
        assertEquals("application/vnd.github+json", e.getMessage().getHeader("Accept"));
        assertEquals("2026-03-10", e.getMessage().getHeader("X-GitHub-Api-Version"));
    }

    @Test
    void a_next_link_to_another_host_is_not_followed_and_gets_no_token() {
        for (String url : new String[] {"https://evil.example.com/orgs/o?page=2", "http://api.github.com/orgs/o?page=2",
                "https://api.github.com:8443/orgs/o?page=2"}) {
            Exchange e = exchange(url);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> request.apply(e));
            assertTrue(refused.getMessage().contains("not to GITHUB_API_URL"), refused.getMessage());
            assertNull(e.getMessage().getHeader("Authorization"), url);
        }
    }

    @Test
    void a_chain_of_next_links_stops_after_the_bound() {
        Exchange e = exchange("https://api.github.com/user/orgs?page=2");
        e.setProperty("pages", GitHubRequest.MAX_PAGES);
        assertThrows(IllegalStateException.class, () -> request.apply(e));
    }
}
