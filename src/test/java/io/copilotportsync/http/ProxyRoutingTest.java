package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.GitHubStandIn;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.ConnectProxy;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import io.copilotportsync.support.TestCertificates;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which calls take the proxy: the hosts of NO_PROXY go direct, loopback only when listed (as in curl), and
 * {@code validate} checks GitHub and Port the way a sync reaches them. GitHub is {@code api.octo.ghe.com} behind the
 * proxy; Port answers HTTPS on 127.0.0.1, or as {@code api.port.io} behind the proxy.
 */
class ProxyRoutingTest {
    private StandIns standIns;
    private ConnectProxy proxy;

    @BeforeEach
    void standInsBehindAProxy(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir, TestCertificates.get().serverTls());
        proxy = new ConnectProxy();
        served(standIns.github, "api.octo.ghe.com");
        served(standIns.github.downloads(), "copilot-reports.octo.ghe.com");
        standIns.env.put("GITHUB_API_URL", "https://api.octo.ghe.com");
        standIns.env.remove("GITHUB_REPORT_HOSTS");
        standIns.env.put("PORT_API_URL", standIns.port.url());
        standIns.env.put("HTTPS_PROXY", proxy.url());
        standIns.env.put("GITHUB_CA_FILE", TestCertificates.get().caPem().toString());
    }

    private void served(StandInServer server, String host) {
        server.servedAs("https://" + host);
        proxy.route(host, server.address());
    }

    @AfterEach
    void stop() {
        standIns.close();
        proxy.close();
    }

    private Set<String> tunnels() {
        return proxy.connects().stream().map(ConnectProxy.Connect::target).collect(Collectors.toSet());
    }

    @Test
    void hosts_listed_in_no_proxy_are_reached_directly_and_the_others_through_the_proxy() throws Exception {
        assertTrue(standIns.port.url().startsWith("https://127.0.0.1:"), standIns.port.url());
        standIns.env.put("NO_PROXY", "localhost, 127.0.0.1");
        StandIns.Run run = standIns.run("--once");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(Set.of("api.octo.ghe.com:443", "copilot-reports.octo.ghe.com:443"), tunnels());
        assertFalse(standIns.port.holdings().isEmpty());
    }

    @Test
    void loopback_takes_the_proxy_unless_no_proxy_lists_it_as_in_curl() {
        StandIns.Run run = standIns.run("validate");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("PORT_API_URL: Port cannot be reached at " + standIns.port.url()), run.err());
        String port = standIns.port.url().replaceAll(".*:", "");
        assertTrue(proxy.connects().contains(new ConnectProxy.Connect("127.0.0.1:" + port, null, 502)), proxy.connects().toString());
    }

    @Test
    void validate_checks_github_and_port_through_the_proxy_trusting_the_ca_file() {
        served(standIns.port, "api.port.io");
        standIns.env.remove("PORT_API_URL");
        StandIns.Run run = standIns.run("validate");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("GitHub and Port accept the credentials"), run.out());
        assertEquals(Set.of("api.octo.ghe.com:443", "api.port.io:443"), tunnels());
    }

    @Test
    void without_the_ca_file_certificates_of_the_company_ca_are_refused_with_a_hint() {
        served(standIns.port, "api.port.io");
        standIns.env.remove("PORT_API_URL");
        standIns.env.remove("GITHUB_CA_FILE");
        StandIns.Run run = standIns.run("validate");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("GITHUB_API_URL: GitHub cannot be reached at https://api.octo.ghe.com"), run.err());
        assertTrue(run.err().contains("PORT_API_URL: Port cannot be reached at https://api.port.io"), run.err());
        assertTrue(run.err().contains("give that CA's certificate (PEM) as GITHUB_CA_FILE"), run.err());

        StandIns.Run sync = standIns.run("--once");
        assertEquals(1, sync.exitCode(), sync.out() + sync.err());
        assertTrue(sync.out().contains("give that CA's certificate (PEM) as GITHUB_CA_FILE"), sync.out());
    }

    @Test
    void a_github_certificate_no_trusted_ca_signed_fails_each_call_at_once_with_the_fix() throws Exception {
        try (GitHubStandIn impostor = new GitHubStandIn(standIns.data, standIns.github.token(), TestCertificates.get().selfSignedTls());
             LogCapture logs = new LogCapture("INFO")) {
            served(impostor, "api.octo.ghe.com");
            served(standIns.port, "api.port.io");
            standIns.env.remove("PORT_API_URL");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("give that CA's certificate (PEM) as GITHUB_CA_FILE"), run.out());
            // the same certificate would come back: no "retrying in" for a certificate
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("retrying in")), String.join("\n", logs.lines()));
            assertFalse(standIns.port.blueprints().isEmpty(), "Port, whose certificate the CA signed, was reached");
        }
    }
}
