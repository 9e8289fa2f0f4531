package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * copilot-ai-credit-usage end to end: a --once run of every kind of the shipped mapping, with GitHub's billing API
 * refusing one organization (403), then a run once the permission is granted. The expected entities are computed
 * here from the generated usage items: Port's identifier rule applied by this test, the amounts as GitHub sent them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AiCreditUsageSyncTest {
    private static final String KIND = "copilot-ai-credit-usage";
    private static final String BLUEPRINT = "githubCopilotAiCreditUsage";
    private static final String REFUSED = "acme-eng";
    private static final String ENT = Sandbox.ENTERPRISE;
    /** Port's identifier pattern, as Port documents it. */
    private static final Pattern PORT_IDENTIFIER = Pattern.compile("^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/=-]+$");
    private static final String[] FIGURES = {"price_per_unit", "pricePerUnit", "gross_quantity", "grossQuantity", "gross_amount", "grossAmount",
            "discount_quantity", "discountQuantity", "discount_amount", "discountAmount", "net_quantity", "netQuantity", "net_amount", "netAmount"};

    private StandIns standIns;
    private StandIns.Run refusedRun;

    @BeforeAll
    void syncWithOneOrganizationRefused(@TempDir Path dir) throws Exception {
        standIns = new StandIns(dir);
        standIns.github.billingRefused(REFUSED);
        refusedRun = standIns.run("--once");
    }

    @AfterAll
    void stop() {
        standIns.close();
    }

    /** The days of the run's window: one before the generated data (no usage), then the generated days. */
    private List<LocalDate> window() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = standIns.firstDay().minusDays(1); !d.isAfter(StandIns.LAST_DAY); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** One part of an identifier as Port allows it: characters outside its pattern, and the "@" separator, as "-". */
    private static String part(JsonNode value) {
        String text = value == null || value.isNull() ? "" : value.asText();
        return text.isEmpty() ? "none" : text.replaceAll("[^\\p{L}0-9_.+:/=-]", "-");
    }

    /** The entity a usage item of a scope's day must become: identifier → properties. */
    private static void expect(Map<String, Map<String, JsonNode>> expected, String scope, boolean enterprise, LocalDate day, ObjectNode item) {
        String id = scope + "@" + day + "@" + part(item.get("product")) + "@" + part(item.get("sku")) + "@" + part(item.get("model"));
        Map<String, JsonNode> p = new TreeMap<>();
        JsonNodeFactory f = JsonNodeFactory.instance;
        p.put("record_date", f.textNode(day + "T00:00:00Z"));
        p.put("organization", enterprise ? f.nullNode() : f.textNode(scope));
        p.put("enterprise", enterprise ? f.textNode(scope) : f.nullNode());
        p.put("product", item.get("product"));
        p.put("sku", item.get("sku"));
        p.put("model", item.hasNonNull("model") ? item.get("model") : f.nullNode());
        p.put("unit_type", item.get("unitType"));
        for (int i = 0; i < FIGURES.length; i += 2) {
            p.put(FIGURES[i], f.numberNode(item.get(FIGURES[i + 1]).doubleValue()));
        }
        assertFalse(expected.containsKey(id), "two items of one day map to one identifier: " + id);
        expected.put(id, p);
    }

    private Map<String, Map<String, JsonNode>> heldOf(String property, String value) {
        Map<String, Map<String, JsonNode>> held = new TreeMap<>();
        standIns.port.holdings().getOrDefault(BLUEPRINT, Map.of()).forEach((id, e) -> {
            if (value.equals(e.get("properties").path(property).asText(null))) {
                Map<String, JsonNode> p = new TreeMap<>();
                e.get("properties").fields().forEachRemaining(field -> p.put(field.getKey(),
                        field.getValue().isNumber() ? JsonNodeFactory.instance.numberNode(field.getValue().doubleValue()) : field.getValue()));
                held.put(id, p);
            }
        });
        return held;
    }

    private Map<String, Map<String, JsonNode>> expectedOfOrganization(String org) {
        Map<String, Map<String, JsonNode>> expected = new TreeMap<>();
        for (LocalDate day : window()) {
            standIns.github.aiCredits().organizationItems(org, day).forEach(item -> expect(expected, org, false, day, item));
        }
        return expected;
    }

    /** The summary row of a kind and scope: days, no-data, failed reads, records read, upserted, ... */
    private static List<String> row(StandIns.Run run, String scope) {
        String line = run.out().lines().filter(l -> l.startsWith(KIND + " ") && l.split("\\s+")[1].equals(scope)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary row for " + scope + ":\n" + run.out()));
        return List.of(line.trim().split("\\s+"));
    }

    @Test
    @Order(1)
    void a_refused_organization_is_one_warning_naming_the_permission_and_every_other_kind_and_scope_succeeds() {
        assertEquals(0, refusedRun.exitCode(), refusedRun.out() + refusedRun.err());
        assertTrue(refusedRun.out().contains("Result: every kind succeeded"), refusedRun.out());
        List<String> warnings = refusedRun.out().lines().filter(l -> l.contains("warning (" + KIND + ", ")).toList();
        assertEquals(List.of("  warning (" + KIND + ", " + REFUSED + "): GitHub's billing API refused the AI-credit usage (403): reading it "
                + "needs an organization owner's token: fine-grained with the organization permission 'Administration' (read), or classic "
                + "with the admin:org scope, and the organization on GitHub's enhanced billing platform; its days are asked again next run"),
                warnings, refusedRun.out());
        assertTrue(heldOf("organization", REFUSED).isEmpty());
        // the refused organization's other kinds are synced as usual
        assertTrue(standIns.port.holdings().get("githubCopilotUserUsage").keySet().stream().anyMatch(id -> id.contains("@" + REFUSED + "@")));
        assertEquals(List.of("0", "0", "0", "0", "0"), row(refusedRun, REFUSED).subList(2, 7), "no day done, none failed, nothing read");
    }

    @Test
    @Order(2)
    void organization_items_are_one_entity_per_day_and_item_with_the_amounts_github_sent() {
        Map<String, Map<String, JsonNode>> expected = expectedOfOrganization("octo-org");
        assertEquals(expected, heldOf("organization", "octo-org"));
        // the cases the data was made for: a model with spaces and a colon, and items without a model
        assertTrue(expected.keySet().stream().anyMatch(id -> id.endsWith("@Copilot@Copilot-AI-Credits@Auto:-Claude-Haiku-4.5")), expected.keySet().toString());
        assertTrue(expected.keySet().stream().anyMatch(id -> id.endsWith("@none")));
        expected.keySet().forEach(id -> assertTrue(PORT_IDENTIFIER.matcher(id).matches(), id));
        long withoutModel = standIns.port.holdings().get(BLUEPRINT).values().stream()
                .filter(e -> e.get("identifier").asText().startsWith("octo-org@") && e.get("identifier").asText().endsWith("@none"))
                .map(e -> e.get("properties").get("model")).distinct().count();
        assertEquals(2, withoutModel, "the raw model is kept: null for a null or missing model, \"\" for an empty one");
    }

    @Test
    @Order(3)
    void enterprise_items_are_one_entity_per_day_and_item_of_the_enterprise_endpoint() {
        Map<String, Map<String, JsonNode>> expected = new TreeMap<>();
        for (LocalDate day : window()) {
            standIns.github.aiCredits().enterpriseItems(day).forEach(item -> expect(expected, ENT, true, day, item));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, heldOf("enterprise", ENT));
    }

    @Test
    @Order(4)
    void each_day_is_one_call_to_the_organizations_path_with_year_month_and_day_as_plain_integers() {
        List<String> expected = window().stream().map(d -> "year=" + d.getYear() + "&month=" + d.getMonthValue() + "&day=" + d.getDayOfMonth()).toList();
        for (String path : List.of("/organizations/octo-org/settings/billing/ai_credit/usage", "/enterprises/" + ENT + "/settings/billing/ai_credit/usage")) {
            List<String> queries = standIns.github.requests().stream().filter(r -> r.path().equals(path)).map(StandInServer.Request::query)
                    .sorted().toList();
            assertEquals(expected.stream().sorted().toList(), queries, path);
        }
        assertTrue(standIns.github.requests().stream().noneMatch(r -> r.path().startsWith("/orgs/") && r.path().contains("/settings/billing/")));
    }

    @Test
    @Order(5)
    void a_day_without_usage_items_is_a_day_without_data() {
        long items = window().stream().mapToLong(d -> standIns.github.aiCredits().organizationItems("octo-org", d).size()).sum();
        long daysWithout = window().stream().filter(d -> standIns.github.aiCredits().organizationItems("octo-org", d).isEmpty()).count();
        assertEquals(1, daysWithout, "the day before the generated data");
        assertEquals(List.of(String.valueOf(window().size()), "1", "0", String.valueOf(items), String.valueOf(items)),
                row(refusedRun, "octo-org").subList(2, 7));
    }

    @Test
    @Order(6)
    void once_the_permission_is_granted_the_next_run_syncs_the_refused_days_and_only_those() {
        standIns.github.billingAllowed(REFUSED);
        int before = standIns.github.requests().size();
        StandIns.Run granted = standIns.run("--once");
        assertEquals(0, granted.exitCode(), granted.out());
        assertFalse(granted.out().contains("warning (" + KIND), granted.out());
        assertEquals(expectedOfOrganization(REFUSED), heldOf("organization", REFUSED));
        List<StandInServer.Request> asked = standIns.github.requests().subList(before, standIns.github.requests().size()).stream()
                .filter(r -> r.path().endsWith("/settings/billing/ai_credit/usage")).toList();
        Map<String, Long> calls = new TreeMap<>();
        asked.forEach(r -> calls.merge(r.path(), 1L, Long::sum));
        // the refused days are asked again; of the others only the day without items, as every day without data is
        assertEquals(Map.of("/organizations/" + REFUSED + "/settings/billing/ai_credit/usage", (long) window().size(),
                "/organizations/octo-org/settings/billing/ai_credit/usage", 1L,
                "/enterprises/" + ENT + "/settings/billing/ai_credit/usage", 1L), calls);
    }

    @Test
    void a_refused_enterprise_is_one_warning_naming_the_enterprise_billing_scope(@TempDir Path dir) throws Exception {
        try (StandIns ownStandIns = new StandIns(dir)) {
            ownStandIns.env.put("SYNC_KINDS", KIND);
            // 404: GitHub's answer when the enterprise has no billing usage for this token
            Faults.of(ownStandIns.github).inject("/enterprises/.*/settings/billing/ai_credit/usage", 100, 404, Map.of(),
                    "{\"message\":\"Not Found\",\"status\":\"404\"}");
            StandIns.Run run = ownStandIns.run("--once");
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(List.of("  warning (" + KIND + ", enterprise:" + ENT + "): GitHub's billing API refused the AI-credit usage (404): "
                    + "reading it needs a classic token of an enterprise owner or billing manager with the manage_billing:enterprise scope; "
                    + "its days are asked again next run"), run.out().lines().filter(l -> l.contains("warning (")).toList(), run.out());
            assertTrue(ownStandIns.port.holdings().get(BLUEPRINT).keySet().stream().noneMatch(id -> id.startsWith(ENT + "@")));
            assertTrue(ownStandIns.port.holdings().get(BLUEPRINT).keySet().stream().anyMatch(id -> id.startsWith("octo-org@")));
        }
    }
}
