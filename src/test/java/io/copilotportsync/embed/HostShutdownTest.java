package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.HostRoutes;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application stops while a run waits for Port (an outage: every bulk request is asked to wait a minute): the
 * run takes no new work, ends within the application's own shutdown timeout, and hands over a summary that says what
 * is left; nothing Port did not acknowledge is recorded final, and the next run completes it.
 */
class HostShutdownTest {
    private static final int HOST_TIMEOUT_SECONDS = 5;

    @Test
    void the_application_stops_within_its_own_timeout_while_a_run_waits_for_port(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("data")); LogCapture log = new LogCapture("INFO")) {
            Faults.of(standIns.port).inject("/v1/blueprints/[^/]+/entities/bulk", 1_000_000, 503, Map.of("Retry-After", "60"),
                    "{\"ok\":false,\"error\":\"service_unavailable\"}");
            BlockingQueue<String> summaries = new LinkedBlockingQueue<>();
            CamelContext host = host(standIns, summaries);
            host.getShutdownStrategy().setTimeout(HOST_TIMEOUT_SECONDS);
            host.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (standIns.port.faultsGiven() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(standIns.port.faultsGiven() >= 4, "the run reached Port");

            long stopping = System.nanoTime();
            host.stop();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);

            assertTrue(tookMillis <= TimeUnit.SECONDS.toMillis(HOST_TIMEOUT_SECONDS) + 500,
                    "stopped in " + tookMillis + " ms, the application's timeout is " + HOST_TIMEOUT_SECONDS + " s");
            String summary = summaries.poll();
            assertNotNull(summary, "the run ended and its summary reached the application");
            assertTrue(summary.matches("(?s).*run failed: Stopped before the run ended: [1-9]\\d* entities not acknowledged by Port, "
                    + "\\d+ of \\d+ report days and \\d+ of \\d+ snapshots not done.*the next run reads it again.*"), summary);
            assertTrue(summary.contains("Result: FAILED"), summary);
            List<String> lines = log.lines();
            assertTrue(lines.stream().noneMatch(l -> l.contains("RejectedExecutionException") || l.contains("Error processing exchange")),
                    String.join("", lines.stream().filter(l -> l.contains("Rejected") || l.contains("Error processing")).toList()));
            Path days = dir.resolve("data/state/days.log");
            if (Files.exists(days)) {
                for (String line : Files.readAllLines(days)) {
                    String status = line.split("\t")[3];
                    assertTrue(!status.equals("FINAL") && !status.equals("PROVISIONAL"), "recorded done although Port acknowledged nothing: " + line);
                }
            }

            Faults.of(standIns.port).clearFaults();
            CamelContext again = host(standIns, summaries);
            again.start();
            try {
                String next = summaries.poll(60, TimeUnit.SECONDS);
                assertNotNull(next, "the next run's summary");
                assertTrue(next.contains("Result: every kind succeeded"), next);
                assertEquals(clean, standIns.port.holdings(), "the next run completed what the stop left");
            } finally {
                again.stop();
            }
        }
    }

    private static CamelContext host(StandIns standIns, BlockingQueue<String> summaries) throws Exception {
        CamelContext host = new DefaultCamelContext();
        host.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summaries").routeId("summaries").process(e -> summaries.add(e.getMessage().getBody(String.class)));
            }
        });
        HostRoutes.addTemplatedRoute(host, "sync", standIns.instanceParameters("0/2 * * * * ?"));
        return host;
    }
}
