package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.support.StandIns;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service answers /observe/health and /observe/metrics, with the sync's own figures per kind and scope. It runs
 * with the jar-level tests: it opens the management HTTP port of a service, as a deployment does.
 */
class HealthAndMetricsIT {

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void health_is_up_and_metrics_show_each_kind_and_scope_after_a_scheduled_run(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("SYNC_CRON", "0/1 * * * * ?");
            standIns.env.put("MANAGEMENT_PORT", Integer.toString(port));
            // Port states its budget on every answer: the metrics show what is left of it
            standIns.port.rateWindow().limit(100_000, java.time.Duration.ofMinutes(5));
            SyncApplication app = new SyncApplication(SyncSettings.from(standIns.env::get, true), Map.of(), Clock.systemUTC());
            Main main = app.scheduled();
            main.start();
            try {
                String metrics = "";
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    metrics = get(port, "/observe/metrics");
                    if (value(metrics, "copilot_sync_entities_upserted_total{kind=\"user-usage-metrics\",scope=\"octo-org\"}") > 0) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertTrue(get(port, "/observe/health").startsWith("200 ") && get(port, "/observe/health").contains("UP"));
                assertTrue(value(metrics, "copilot_sync_entities_upserted_total{kind=\"user-usage-metrics\",scope=\"octo-org\"}") > 0, metrics);
                assertTrue(value(metrics, "copilot_sync_records_read_total{kind=\"copilot-seats\",scope=\"enterprise:acme-corp\"}") > 0, metrics);
                assertTrue(value(metrics, "copilot_sync_last_success_timestamp_seconds{kind=\"copilot-billing\",scope=\"acme-eng\"}") > 1.7e9, metrics);
                assertTrue(value(metrics, "copilot_sync_port_requests_total{status=\"200\"}") > 0, metrics);
                double remaining = value(metrics, "copilot_sync_github_rate_limit_remaining");
                assertTrue(remaining > 0 && remaining < 5000, metrics);
                double portRemaining = value(metrics, "copilot_sync_port_rate_limit_remaining{api=\"entities\"}");
                assertTrue(portRemaining > 0 && portRemaining < 100_000, metrics);
                assertEquals(0.0, value(metrics, "copilot_sync_entities_failed_total{kind=\"user-usage-metrics\",scope=\"octo-org\"}"));
            } finally {
                main.stop();
                app.close();
            }
        }
    }
}
