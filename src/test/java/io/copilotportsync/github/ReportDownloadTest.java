package io.copilotportsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.copilotportsync.config.ReportHosts;
import io.copilotportsync.http.Network;
import io.copilotportsync.sandbox.StandInServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Report links are fetched only from allowed hosts, without credentials, and read line by line. */
class ReportDownloadTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final List<StandInServer> servers = new ArrayList<>();

    /** A download host that answers every path with the given status, body and Location. */
    private StandInServer host(String address, int status, String body, String location) throws IOException {
        StandInServer server = new StandInServer(address) {
            @Override
            protected void handle(Request request, HttpExchange exchange) throws IOException {
                if (location != null) {
                    exchange.getResponseHeaders().set("Location", location);
                }
                send(exchange, status, body);
            }
        };
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(StandInServer::close);
    }

    private List<String> read(ReportDownload download, String link) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(link);
        List<String> lines = new ArrayList<>();
        try (ReportLines it = download.open(exchange)) {
            it.forEachRemaining(lines::add);
        }
        return lines;
    }

    @Test
    void a_file_that_is_one_object_without_a_newline_is_one_line_and_blank_lines_are_skipped() throws Exception {
        StandInServer one = host("127.0.0.2", 200, "{\"a\":1}", null);
        assertEquals(List.of("{\"a\":1}"), read(new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct()), one.url() + "/r.ndjson?sig=x"));
        StandInServer many = host("127.0.0.2", 200, "{\"a\":1}\n\n{\"a\":2}\n", null);
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), read(new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct()), many.url() + "/r"));
    }

    @Test
    void a_link_to_a_host_not_in_the_allowed_list_is_refused_without_a_request() throws Exception {
        StandInServer other = host("127.0.0.3", 200, "{}", null);
        ReportDownloadException e = assertThrows(ReportDownloadException.class,
                () -> read(new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct()), other.url() + "/r.ndjson?sig=secret-sig"));
        assertTrue(e.getMessage().contains("'127.0.0.3'") && e.getMessage().contains("GITHUB_REPORT_HOSTS"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-sig"));
        assertTrue(other.requests().isEmpty());
    }

    @Test
    void plain_http_to_a_remote_host_is_refused() {
        ReportDownloadException e = assertThrows(ReportDownloadException.class,
                () -> read(new ReportDownload(ReportHosts.of("*.example.com"), Network.direct()), "http://files.example.com/r.ndjson?sig=x"));
        assertTrue(e.getMessage().contains("only https"), e.getMessage());
    }

    @Test
    void a_redirect_to_a_host_not_allowed_is_not_followed() throws Exception {
        StandInServer elsewhere = host("127.0.0.3", 200, "{}", null);
        StandInServer redirecting = host("127.0.0.2", 302, "", elsewhere.url() + "/stolen");
        assertThrows(ReportDownloadException.class,
                () -> read(new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct()), redirecting.url() + "/r"));
        assertTrue(elsewhere.requests().isEmpty());
    }

    @Test
    void an_expired_link_is_an_error_that_says_so_without_the_signature() throws Exception {
        StandInServer expired = host("127.0.0.2", 403, "<Error/>", null);
        ReportDownloadException e = assertThrows(ReportDownloadException.class,
                () -> read(new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct()), expired.url() + "/r?sig=top-secret"));
        assertTrue(e.getMessage().contains("403") && e.getMessage().contains("expired"), e.getMessage());
        assertFalse(e.getMessage().contains("top-secret"));
    }

    @Test
    void a_body_that_stops_coming_after_the_headers_fails_the_download_naming_the_file_and_the_wait() throws Exception {
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        StandInServer hanging = new StandInServer("127.0.0.2") {
            @Override
            protected void handle(Request request, HttpExchange exchange) throws IOException {
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    // the host keeps the connection open and sends nothing more, until the test is over
                    released.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        servers.add(hanging);
        ReportDownload download = new ReportDownload(ReportHosts.of("127.0.0.2"), Network.direct(), 32, java.time.Duration.ofSeconds(1));
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(hanging.url() + "/r.ndjson?sig=x");
        exchange.setProperty("reportName", "users-1-day");
        exchange.setProperty("day", "2026-11-30");
        List<String> lines = new ArrayList<>();
        try (ReportLines it = download.open(exchange)) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> it.forEachRemaining(lines::add));
            assertTrue(e.getMessage().contains("file 1 of the users-1-day report of 2026-11-30")
                    && e.getMessage().contains("no bytes came for 1 s"), e.getMessage());
        } finally {
            released.countDown();
        }
        assertEquals(List.of("{\"a\":1}"), lines, "the line that came before the stall is read");
    }
}
