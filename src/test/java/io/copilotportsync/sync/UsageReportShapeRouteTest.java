package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.SyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jq declared in the route files, run alone: report lines shaped into records (usage-report-shape), and each
 * record given its scope's context (map-record, or map-records for a batch); what the mapping then receives is caught
 * at direct:map-entity, or at the batch mapping.
 */
class UsageReportShapeRouteTest extends CamelTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    /** Each test's application holds its own DATA_DIR (and its lock) until it is closed after the test. */
    @org.junit.jupiter.api.io.TempDir
    Path dataDir;
    private SyncApplication application;

    @org.junit.jupiter.api.AfterEach
    void closeApplication() {
        application.close();
    }

    @BeforeEach
    void loadRouteFiles() throws Exception {
        SyncSettings settings = SyncSettings.from(Map.of("GITHUB_ORGS", "octo-org", "DATA_DIR", dataDir.toString())::get, false);
        application = new SyncApplication(settings, Map.of(), Clock.systemUTC());
        application.beans().forEach(context.getRegistry()::bind);
        Properties properties = new Properties();
        properties.put("github.api-url", "http://127.0.0.1:9");
        properties.put("port.api-url", "http://127.0.0.1:9");
        context.getPropertiesComponent().setInitialProperties(properties);
        for (String file : List.of("errors.camel.yaml", "usage-reports.camel.yaml", "port.camel.yaml")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("file:routes/" + file));
        }
        AdviceWith.adviceWith(context, "map-record",
                a -> a.interceptSendToEndpoint("direct:map-entity").skipSendToOriginalEndpoint().to("mock:records"));
        // a batch of records (users, repos) given its context: what the batch mapping would receive
        AdviceWith.adviceWith(context, "map-records", a -> {
            a.weaveByToString(".*mapAll.*").replace().to("mock:batches");
            // the batch's entities to their batches: none here, the mapping did not run
            a.weaveByType(org.apache.camel.model.SplitDefinition.class).remove();
        });
        context.start();
    }

    /** A batch of one parsed line through usage-report-shape: the records the mapping receives, one by one or in a batch. */
    private List<JsonNode> shape(String report, JsonNode line) throws Exception {
        MockEndpoint records = getMockEndpoint("mock:records");
        MockEndpoint batches = getMockEndpoint("mock:batches");
        records.reset();
        batches.reset();
        org.apache.camel.Exchange result = template.send("direct:usage-report-shape", exchange -> {
            exchange.setProperty("reportName", report);
            exchange.setProperty("contextKey", "__organization");
            exchange.setProperty("context", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("login", "octo-org"));
            exchange.getMessage().setBody(List.of(new ReportRecord(1, line, null)));
        });
        assertEquals(null, result.getException());
        List<JsonNode> received = new java.util.ArrayList<>(records.getExchanges().stream().map(e -> e.getMessage().getBody(JsonNode.class)).toList());
        for (org.apache.camel.Exchange batch : batches.getExchanges()) {
            @SuppressWarnings("unchecked")
            List<ReportRecord> list = batch.getMessage().getBody(List.class);
            list.forEach(r -> received.add(r.record()));
        }
        return received;
    }

    @Test
    void an_organization_report_line_becomes_one_record_per_day_total_with_its_organization() throws Exception {
        JsonNode line = JSON.readTree(Files.readString(Path.of("src/test/resources/fixtures/organization-report-line.ndjson")));
        List<JsonNode> records = shape("organization-1-day", line);
        assertEquals(line.get("day_totals").size(), records.size());
        JsonNode first = records.get(0);
        assertEquals("octo-org", first.get("__organization").get("login").asText());
        assertEquals(line.get("day_totals").get(0).get("daily_active_users"), first.get("daily_active_users"));
        assertEquals(false, first.has("day_totals"), "the record is the day_totals element, not the line");
    }

    @Test
    void route_jq_is_the_mappings_jq_with_our_functions() {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setBody(com.fasterxml.jackson.databind.node.LongNode.valueOf(1700000000L));
        Object out = context.resolveLanguage("jq").createExpression("todate + \" \" + (2.5 | round | tostring)").evaluate(exchange, Object.class);
        assertEquals("2023-11-14T22:13:20Z 3", ((JsonNode) out).asText());
    }

    @Test
    void an_enterprise_report_line_is_flattened_the_same_way() throws Exception {
        JsonNode line = JSON.readTree("{\"day_totals\":[{\"day\":\"2026-03-01\",\"enterprise_id\":\"1\"}],\"enterprise_id\":\"1\"}");
        List<JsonNode> records = shape("enterprise-1-day", line);
        assertEquals(1, records.size());
        assertEquals("2026-03-01", records.get(0).get("day").asText());
    }

    @Test
    void a_flat_organization_day_as_github_serves_it_is_one_record_itself() throws Exception {
        JsonNode line = JSON.readTree(Files.readString(Path.of("src/test/resources/fixtures/organization-report-line.ndjson")))
                .get("day_totals").get(0);
        List<JsonNode> records = shape("organization-1-day", line);
        assertEquals(1, records.size());
        assertEquals(line.get("daily_active_users"), records.get(0).get("daily_active_users"));
        assertEquals(line.get("day"), records.get(0).get("day"));
        assertEquals("octo-org", records.get(0).get("__organization").get("login").asText());
    }

    @Test
    void a_flat_enterprise_day_is_one_record_too() throws Exception {
        List<JsonNode> records = shape("enterprise-1-day", JSON.readTree("{\"day\":\"2026-03-01\",\"enterprise_id\":\"1\",\"daily_active_users\":4}"));
        assertEquals(1, records.size());
        assertEquals(4, records.get(0).get("daily_active_users").asInt());
    }

    @Test
    void an_organization_line_in_neither_shape_is_an_error_that_names_both() throws Exception {
        for (String line : List.of("{\"organization_id\":\"1\"}", "[1,2]", "{\"day_totals\":{}}")) {
            // the shape of one line (usage-report-shape dead-letters the line when it fails)
            org.apache.camel.Exchange result = template.send("direct:usage-report-totals", exchange -> {
                exchange.setProperty("reportName", "organization-1-day");
                exchange.getMessage().setBody(JSON.readTree(line));
            });
            String message = String.valueOf(result.getException() == null ? null : result.getException().getMessage());
            assertTrue(message.contains("day_totals") || message.contains("not an object"), line + ": " + message);
        }
    }

    @Test
    void a_users_report_line_is_one_record_with_its_organization() throws Exception {
        JsonNode row = JSON.readTree("{\"user_login\":\"mona\",\"day\":\"2026-03-01\"}");
        List<JsonNode> records = shape("users-1-day", row);
        assertEquals(1, records.size());
        assertEquals("mona", records.get(0).get("user_login").asText());
        assertEquals("octo-org", records.get(0).get("__organization").get("login").asText());
    }
}
