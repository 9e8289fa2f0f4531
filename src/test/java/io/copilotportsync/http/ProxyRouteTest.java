package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.copilotportsync.config.NetworkSettings;
import io.copilotportsync.config.SyncSettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS_PROXY and NO_PROXY as curl reads them: which URL goes through the proxy and which goes direct. */
class ProxyRouteTest {

    private static ProxyRoute route(String... variables) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        NetworkSettings network = SyncSettings.from(env::get, false).network();
        return new ProxyRoute(network.proxy(), network.noProxy());
    }

    /** "proxy.corp:3128" when the URL goes through the proxy, "direct" when not. */
    private static String way(ProxyRoute route, String url) {
        Proxy p = route.select(URI.create(url)).get(0);
        return p.type() == Proxy.Type.DIRECT ? "direct" : ((InetSocketAddress) p.address()).getHostString() + ":"
                + ((InetSocketAddress) p.address()).getPort();
    }

    @Test
    void without_https_proxy_every_call_goes_direct() {
        assertEquals("direct", way(route(), "https://api.github.com"));
    }

    @Test
    void https_urls_take_the_proxy_and_plain_http_loopback_urls_go_direct() {
        ProxyRoute r = route("HTTPS_PROXY", "http://proxy.corp:3128");
        assertEquals("proxy.corp:3128", way(r, "https://api.github.com/orgs/x"));
        assertEquals("proxy.corp:3128", way(r, "https://copilot-reports.octo.ghe.com/r.ndjson?sig=x"));
        assertEquals("direct", way(r, "http://127.0.0.1:8080/user"));
    }

    @Test
    void loopback_takes_the_proxy_unless_no_proxy_lists_it_as_in_curl() {
        assertEquals("proxy.corp:3128", way(route("HTTPS_PROXY", "http://proxy.corp:3128"), "https://localhost:8443"));
        assertEquals("proxy.corp:3128", way(route("HTTPS_PROXY", "http://proxy.corp:3128"), "https://127.0.0.1:8443"));
        ProxyRoute listed = route("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "localhost,127.0.0.1,::1");
        assertEquals("direct", way(listed, "https://localhost:8443"));
        assertEquals("direct", way(listed, "https://127.0.0.1:8443"));
        assertEquals("direct", way(listed, "https://[::1]:8443"));
        assertEquals("proxy.corp:3128", way(listed, "https://127.0.0.2:8443"));
    }

    @Test
    void a_no_proxy_name_matches_itself_and_its_subdomains_however_it_is_written() {
        for (String entry : new String[] {"port.io", ".port.io", "*.port.io", "PORT.IO."}) {
            ProxyRoute r = route("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "example.com, " + entry);
            assertEquals("direct", way(r, "https://api.port.io"), entry);
            assertEquals("direct", way(r, "https://port.io"), entry);
            assertEquals("proxy.corp:3128", way(r, "https://export.io"), entry);
            assertEquals("proxy.corp:3128", way(r, "https://api.github.com"), entry);
        }
    }

    @Test
    void addresses_match_exactly_or_by_range_never_by_suffix() {
        ProxyRoute r = route("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "0.0.1,10.0.0.0/8,fd00::/8");
        assertEquals("proxy.corp:3128", way(r, "https://127.0.0.1"));
        assertEquals("direct", way(r, "https://10.20.30.40"));
        assertEquals("proxy.corp:3128", way(r, "https://11.0.0.1"));
        assertEquals("direct", way(r, "https://[fd12::1]"));
    }

    @Test
    void a_star_alone_sends_every_call_direct() {
        assertEquals("direct", way(route("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "*"), "https://api.github.com"));
    }

    @Test
    void lower_case_variables_count_and_win_over_upper_case_as_in_curl() {
        assertEquals("lower:1", way(route("https_proxy", "http://lower:1"), "https://api.github.com"));
        assertEquals("lower:1", way(route("https_proxy", "lower:1", "HTTPS_PROXY", "http://upper:2"), "https://api.github.com"));
        assertEquals("direct", way(route("https_proxy", "http://lower:1", "no_proxy", "github.com", "NO_PROXY", "other.org"),
                "https://api.github.com"));
    }
}
