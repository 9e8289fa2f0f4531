package io.copilotportsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.ConnectProxy;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import io.copilotportsync.support.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GHE.com deployment behind a company proxy with a company CA, in one {@code --once} run: GitHub at
 * {@code api.octo.ghe.com}, its report files at {@code copilot-reports.octo.ghe.com}, Port at its default
 * {@code api.port.io}. There is no DNS here: only the proxy, which asks for credentials, knows where those names
 * are, and their certificates are signed by a CA the JDK does not know, given as GITHUB_CA_FILE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GheComBehindProxyTest {
    /** ':' and '@' percent-encoded in the URL, '+' as it is: all three are part of the password. */
    private static final String PASSWORD = "pa:ss@+" + UUID.randomUUID();
    private static final String PASSWORD_IN_URL = PASSWORD.replace(":", "%3A").replace("@", "%40");

    private StandIns standIns;
    private ConnectProxy proxy;
    private StandIns.Run run;
    private List<String> logLines;
    private Path referenceDir;

    @BeforeAll
    void syncOnceThroughTheProxy(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir.resolve("data"), TestCertificates.get().serverTls());
        referenceDir = dir.resolve("reference");
        proxy = new ConnectProxy();
        proxy.requireLogin("sync-bot", PASSWORD);
        served(standIns.github, "api.octo.ghe.com");
        served(standIns.github.downloads(), "copilot-reports.octo.ghe.com");
        served(standIns.port, "api.port.io");
        standIns.env.put("GITHUB_API_URL", "https://api.octo.ghe.com");
        standIns.env.remove("GITHUB_REPORT_HOSTS");   // the default hosts include *.ghe.com
        standIns.env.remove("PORT_API_URL");          // the default, https://api.port.io
        standIns.env.put("HTTPS_PROXY", "http://sync-bot:" + PASSWORD_IN_URL + "@127.0.0.1:" + proxy.url().replaceAll(".*:", ""));
        standIns.env.put("GITHUB_CA_FILE", TestCertificates.get().caPem().toString());
        try (LogCapture logs = new LogCapture("DEBUG")) {
            run = standIns.run("--once");
            logLines = logs.lines();
        }
    }

    private void served(StandInServer server, String host) {
        server.servedAs("https://" + host);
        proxy.route(host, server.address());
    }

    @AfterAll
    void stop() {
        standIns.close();
        proxy.close();
    }

    @Test
    void a_ghe_com_sync_through_the_proxy_trusting_the_ca_file_gives_port_what_a_direct_sync_gives() throws Exception {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
        assertEquals(StandIns.cleanRunHoldings(referenceDir), standIns.port.holdings());
    }

    @Test
    void github_its_report_files_and_port_are_reached_only_through_the_proxy_on_port_443() {
        Set<String> tunnels = proxy.connects().stream().filter(c -> c.status() == 200).map(ConnectProxy.Connect::target)
                .collect(Collectors.toSet());
        assertEquals(Set.of("api.octo.ghe.com:443", "copilot-reports.octo.ghe.com:443", "api.port.io:443"), tunnels);
        assertFalse(standIns.github.requests().isEmpty());
        assertFalse(standIns.github.downloads().requests().isEmpty());
        assertFalse(standIns.port.requests().isEmpty());
    }

    @Test
    void both_http_clients_answer_the_proxys_challenge_with_the_credentials() {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("sync-bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertTrue(proxy.connects().stream().anyMatch(c -> c.status() == 407), "the proxy asked for credentials");
        // camel-http calls the GitHub API; the JDK's HttpClient fetches report files and Port's token
        for (String host : List.of("api.octo.ghe.com", "copilot-reports.octo.ghe.com", "api.port.io")) {
            assertTrue(proxy.connects().stream().anyMatch(c -> c.host().equals(host) && c.status() == 200),
                    "no tunnel to " + host + ": " + proxy.connects());
        }
        assertTrue(proxy.connects().stream().filter(c -> c.status() == 200).allMatch(c -> expected.equals(c.authorization())));
    }

    @Test
    void report_files_come_through_the_proxy_without_the_github_token() {
        for (StandInServer.Request request : standIns.github.downloads().requests()) {
            assertEquals(null, request.header("Authorization"), request.path());
        }
        assertTrue(standIns.github.downloads().requests().size() > 10);
    }

    @Test
    void the_proxy_password_reaches_no_log_line_and_no_output() {
        String basic = Base64.getEncoder().encodeToString(("sync-bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String everything = String.join("\n", logLines) + run.out() + run.err();
        for (String secret : List.of(PASSWORD, PASSWORD_IN_URL, basic)) {
            assertFalse(everything.contains(secret), "leaked: " + secret);
        }
        assertTrue(logLines.stream().anyMatch(l -> l.contains("https calls go through the proxy http://127.0.0.1:")
                && l.contains("(as sync-bot)") && l.contains("trusted besides the JDK's CAs: 1 certificate(s)")), "no network line");
    }
}
