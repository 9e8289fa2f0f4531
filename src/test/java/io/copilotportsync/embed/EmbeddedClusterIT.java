package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.support.HostRoutes;
import io.copilotportsync.support.StandIns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode embedded: two replicas of an application, each with its own Quartz (not clustered) firing the same
 * schedule, share one PostgreSQL. Each tick is synced by one of them, never by both, and Port ends as one clean run
 * leaves it.
 */
class EmbeddedClusterIT {
    /** One summary message a replica's route received: its tick and whether the replica left it to the other. */
    private record Summary(String replica, Instant tick, boolean skipped, String body) {
    }

    @Test
    void each_tick_is_synced_by_one_replica_and_the_other_says_it_left_it(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        List<Summary> summaries = new CopyOnWriteArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); StandIns standIns = new StandIns(dir.resolve("unused"))) {
            List<CamelContext> replicas = new ArrayList<>();
            try {
                for (String replica : List.of("a", "b")) {
                    Map<String, String> p = standIns.instanceParameters("0/2 * * * * ?");
                    p.put("dataDir", dir.resolve(replica).toString());
                    p.put("databaseUrl", pg.getJdbcUrl("postgres", "postgres").replace("?user=postgres", ""));
                    p.put("databaseUser", "postgres");
                    p.put("databasePassword", "postgres");
                    replicas.add(replica(replica, p, summaries));
                }
                long deadline = System.currentTimeMillis() + 90_000;
                while (ticksBothSaw(summaries).size() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                replicas.forEach(CamelContext::stop);
            }
            Map<Instant, List<Summary>> both = ticksBothSaw(summaries);
            assertTrue(both.size() >= 2, "two ticks seen by both replicas within 90 s: " + summaries);
            both.forEach((tick, seen) -> {
                assertEquals(1, seen.stream().filter(s -> !s.skipped()).count(), "one replica synced the tick of " + tick + ": " + seen);
                Summary left = seen.stream().filter(Summary::skipped).findFirst().orElseThrow();
                assertTrue(left.body().contains("the tick of " + tick + " is another replica's"), left.body());
            });
            summaries.stream().filter(s -> !s.skipped()).forEach(s ->
                    assertTrue(s.body().contains("Result: every kind succeeded"), s.body()));
            assertEquals(clean, standIns.port.holdings(), "Port holds what one clean run leaves");
            try (Connection c = pg.getPostgresDatabase().getConnection();
                 ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM sync_ticks")) {
                r.next();
                assertEquals(summaries.stream().filter(s -> !s.skipped()).count(), r.getLong(1), "a row per tick synced");
            }
        }
    }

    private static CamelContext replica(String name, Map<String, String> parameters, List<Summary> summaries) throws Exception {
        CamelContext host = new DefaultCamelContext();
        host.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summaries").routeId("summaries-" + name).process(e -> summaries.add(new Summary(name,
                        e.getMessage().getHeader("scheduledFireTime", Date.class).toInstant(),
                        Boolean.TRUE.equals(e.getMessage().getHeader(EmbeddedSync.SKIPPED)), e.getMessage().getBody(String.class))));
            }
        });
        HostRoutes.addTemplatedRoute(host, "copilot-usage", parameters);
        host.start();
        return host;
    }

    /** The ticks both replicas have a summary of, each with its two summaries. */
    private static Map<Instant, List<Summary>> ticksBothSaw(List<Summary> summaries) {
        Map<Instant, List<Summary>> byTick = new TreeMap<>();
        summaries.forEach(s -> byTick.computeIfAbsent(s.tick(), t -> new ArrayList<>()).add(s));
        byTick.values().removeIf(seen -> seen.stream().map(Summary::replica).distinct().count() < 2);
        return byTick;
    }
}
