package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.jq.JqDialect;
import io.copilotportsync.jq.JqJson;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.PlainJson;
import io.copilotportsync.support.StandIns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seats' 2026 fields through one --once run of copilot-seats (null where GitHub leaves a field out), and the seat
 * blueprint's days_since_last_activity: its shape as Port gets it, and its days against both jq engines with now fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = Sandbox.ENTERPRISE;

    private StandIns standIns;
    private StandIns.Run run;
    private SandboxData data;

    @BeforeAll
    void syncSeats(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir);
        data = standIns.data;
        standIns.env.put("SYNC_KINDS", "copilot-seats");
        run = standIns.run("--once");
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    private Map<String, ObjectNode> held(String blueprint) {
        return standIns.port.holdings().getOrDefault(blueprint, Map.of());
    }

    @Test
    void the_sync_succeeds_over_seats_with_and_without_the_optional_fields() {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(data.seats("octo-org").stream().anyMatch(s -> !s.has("last_authenticated_at")), "a seat without last_authenticated_at");
        assertTrue(data.seats("octo-org").stream().anyMatch(s -> s.path("pending_cancellation_date").isTextual()), "a seat being cancelled");
        assertTrue(data.seats("octo-org").stream().anyMatch(s -> s.get("last_activity_at").isNull()), "a seat never used");
    }

    private static final List<String> SEAT_FIELDS = List.of("plan_type", "pending_cancellation_date", "last_activity_editor",
            "last_authenticated_at", "last_activity_at");

    @Test
    void seats_bring_plan_cancellation_editor_and_authentication_with_null_where_github_left_them_out() {
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        Map<String, Map<String, ObjectNode>> seatOf = new HashMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (ObjectNode seat : data.seats(org.login())) {
                Map<String, Object> p = new TreeMap<>();
                SEAT_FIELDS.forEach(f -> p.put(f, PlainJson.plain(seat.get(f))));
                expected.put(seat.get("assignee").get("login").asText() + "@" + org.login(), p);
                seatOf.computeIfAbsent(org.login(), k -> new HashMap<>()).put(seat.get("assignee").get("login").asText(), seat);
            }
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        held("githubCopilotSeat").forEach((id, e) -> {
            if (id.endsWith("@" + ENT)) {
                // the enterprise seat is one of the person's grants: it carries that grant's fields
                ObjectNode grant = seatOf.get(e.get("properties").get("granting_organization").asText()).get(e.get("properties").get("login").asText());
                Map<String, Object> p = new TreeMap<>();
                SEAT_FIELDS.forEach(f -> p.put(f, PlainJson.plain(grant.get(f))));
                expected.put(id, p);
            }
            actual.put(id, PlainJson.properties(e, SEAT_FIELDS));
        });
        assertEquals(expected, actual);
        assertTrue(actual.values().stream().anyMatch(p -> p.get("last_authenticated_at") == null));
    }

    @Test
    void the_seat_blueprint_port_gets_has_days_since_last_activity_as_a_number_calculation() {
        JsonNode calculation = standIns.port.blueprints().get("githubCopilotSeat").path("calculationProperties").path("days_since_last_activity");
        assertEquals("number", calculation.path("type").asText());
        assertTrue(calculation.path("calculation").asText().contains(".properties.last_activity_at"));
    }

    private static final long FIXED_NOW = OffsetDateTime.parse("2026-03-21T00:00:00Z").toEpochSecond();

    private static String daysSinceLastActivity() throws Exception {
        return JSON.readTree(Path.of("mappings/blueprints/githubCopilotSeat.json").toFile())
                .get("calculationProperties").get("days_since_last_activity").get("calculation").asText();
    }

    /** The calculation's output by the jq program, with now fixed. */
    private static String jqProgram(String expression, String input) throws Exception {
        Process p = new ProcessBuilder("jq", "-c", expression).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return out;
    }

    @Test
    void days_since_last_activity_counts_whole_days_to_now_and_is_null_for_a_seat_never_used() throws Exception {
        String expression = "def now: " + FIXED_NOW + "; " + daysSinceLastActivity();
        JqDialect jq = new JqDialect(false, Map.of());
        List<ObjectNode> seats = new ArrayList<>(held("githubCopilotSeat").values());
        // what else Port may hold: fractional seconds and offsets written differently
        for (String at : List.of("2026-03-19T23:59:59.999Z", "2026-03-20T20:00:00-0500", "2026-02-19T01:00:00+01:00")) {
            seats.add((ObjectNode) JSON.createObjectNode().set("properties", JSON.createObjectNode().put("last_activity_at", at)));
        }
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> ours = new TreeMap<>();
        Map<String, String> program = new TreeMap<>();
        int i = 0;
        for (ObjectNode seat : seats) {
            String key = (i++) + " " + seat.get("properties").get("last_activity_at");
            JsonNode at = seat.get("properties").get("last_activity_at");
            expected.put(key, at.isNull() ? "null" : Long.toString(Math.floorDiv(FIXED_NOW - parse(at.asText()), 86_400L)));
            ours.put(key, JqJson.write(jq.apply(jq.compile(expression), seat).get(0)));
            program.put(key, jqProgram(expression, seat.toString()));
        }
        assertEquals(expected, ours);
        assertEquals(expected, program);
        assertTrue(expected.containsValue("null"), "a seat never used");
        assertTrue(expected.containsValue("0") && expected.containsValue("1") && expected.containsValue("30"), expected.toString());
    }

    private static long parse(String at) {
        String iso = at.matches(".*[+-]\\d{4}$") ? at.substring(0, at.length() - 2) + ":" + at.substring(at.length() - 2) : at;
        return OffsetDateTime.parse(iso).toEpochSecond();
    }

    @Test
    void port_refuses_a_calculation_property_without_its_type_and_the_run_says_which(@TempDir Path dir) throws Exception {
        Path mappings = dir.resolve("mappings");
        Files.createDirectories(mappings.resolve("blueprints"));
        Files.copy(Path.of("mappings/port-app-config.yaml"), mappings.resolve("port-app-config.yaml"));
        try (Stream<Path> files = Files.list(Path.of("mappings/blueprints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve("blueprints").resolve(f.getFileName()));
            }
        }
        ObjectNode seat = (ObjectNode) JSON.readTree(mappings.resolve("blueprints/githubCopilotSeat.json").toFile());
        ((ObjectNode) seat.get("calculationProperties").get("days_since_last_activity")).remove("type");
        Files.writeString(mappings.resolve("blueprints/githubCopilotSeat.json"), seat.toPrettyString());
        try (StandIns broken = new StandIns(dir.resolve("data"))) {
            broken.env.put("MAPPING_FILE", mappings.resolve("port-app-config.yaml").toString());
            broken.env.put("SYNC_KINDS", "copilot-seats");
            StandIns.Run failed = broken.run("--once");
            assertNotEquals(0, failed.exitCode());
            String said = failed.out() + failed.err();
            assertTrue(said.contains("githubCopilotSeat") && said.contains("calculation property 'days_since_last_activity' must have a 'type'"), said);
            assertFalse(broken.port.blueprints().containsKey("githubCopilotSeat"));
        }
    }
}
