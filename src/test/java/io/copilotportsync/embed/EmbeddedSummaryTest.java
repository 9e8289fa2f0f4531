package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's route receives each run's summary as values as well as the table: per kind and scope, its counts. */
class EmbeddedSummaryTest {
    private static final String EVERY_SECOND = "* * * * * ?";

    @Test
    void the_summary_header_holds_per_kind_and_scope_the_counts_of_the_stand_ins_data_beside_the_text_table(@TempDir Path dir)
            throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = tenant.instanceParameters(EVERY_SECOND);
            parameters.put("kinds", "copilot-seats,copilot-billing");
            Exchange exchange = EmbeddedSettingsTest.firstSummary(parameters);
            assertTrue(exchange.getMessage().getBody(String.class).contains("Result: every kind succeeded"), "the text body stays");
            RunSummary summary = exchange.getMessage().getHeader(EmbeddedSync.SUMMARY, RunSummary.class);

            assertTrue(summary.succeeded());
            assertEquals(List.of(), summary.runErrors());
            assertEquals(LocalDate.parse(tenant.env.get("SYNC_START_DAY")), summary.firstDay());
            assertEquals(LocalDate.parse(tenant.env.get("SYNC_END_DAY")), summary.lastDay());
            List<String> scopes = new ArrayList<>(StandIns.ORGS);
            for (String org : StandIns.ORGS) {
                RunSummary.Counts seats = summary.of("copilot-seats", org).orElseThrow();
                assertEquals(tenant.data.seats(org).size(), seats.recordsRead(), org);
                assertEquals(tenant.data.seats(org).size(), seats.upserted(), org);
                assertEquals(0, seats.failed());
                RunSummary.Counts billing = summary.of("copilot-billing", org).orElseThrow();
                assertEquals(1, billing.recordsRead());
                assertEquals(1, billing.upserted());
            }
            // the summary table's name of the enterprise scope
            scopes.add("enterprise:" + Sandbox.ENTERPRISE);
            RunSummary.Counts enterpriseSeats = summary.of("copilot-seats", "enterprise:" + Sandbox.ENTERPRISE).orElseThrow();
            // Port gets one enterprise seat per user, however many organizations grant it
            long users = tenant.data.enterpriseSeats().stream().map(seat -> seat.path("assignee").path("login").asText()).distinct().count();
            assertEquals(users, enterpriseSeats.upserted());
            assertEquals(scopes.stream().sorted().toList(), summary.ofKind("copilot-seats").stream().map(RunSummary.Counts::scope).toList());
            assertEquals(List.of("copilot-billing", "copilot-seats"), summary.counts().stream().map(RunSummary.Counts::kind).distinct().toList());
            assertThrows(UnsupportedOperationException.class, () -> summary.counts().clear(), "the host gets values, not the run's counters");
        }
    }

    @Test
    void a_run_port_refuses_has_its_run_error_in_the_header_without_the_secret(@TempDir Path dir) throws Exception {
        try (StandIns tenant = new StandIns(dir)) {
            Map<String, String> parameters = tenant.instanceParameters(EVERY_SECOND);
            String wrong = "wrong-secret-" + System.nanoTime();
            parameters.put("portClientSecret", wrong);
            Exchange exchange = EmbeddedSettingsTest.firstSummary(parameters);
            RunSummary summary = exchange.getMessage().getHeader(EmbeddedSync.SUMMARY, RunSummary.class);
            assertFalse(summary.succeeded());
            assertEquals(Boolean.FALSE, exchange.getMessage().getHeader(EmbeddedSync.SUCCEEDED));
            assertEquals(1, summary.runErrors().size(), summary.runErrors().toString());
            assertTrue(summary.runErrors().get(0).contains("401") || summary.runErrors().get(0).contains("credentials"),
                    summary.runErrors().get(0));
            assertFalse(summary.toString().contains(wrong));
            assertEquals(0, tenant.port.holdings().values().stream().mapToInt(Map::size).sum(), "nothing reached Port");
        }
    }
}
