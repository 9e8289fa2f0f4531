package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's AI-credit billing usage ({@code /organizations/{org}/settings/billing/ai_credit/usage} and the enterprise
 * equivalent) over {@link SandboxData}: per organization and day a few usage items in GitHub's camelCase shape, one
 * per model, with decimal quantities and amounts (netAmount = grossAmount - discountAmount), a model name with spaces
 * and a colon, and an item whose model is empty, null or missing; the enterprise's items are the sums of its
 * organizations' by product, sku and model. A day without a usage report has no items. Seeded by scope and day, so a
 * test computes the expected entities from the same items.
 */
public final class AiCreditUsageData {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final String PRODUCT = "Copilot";
    public static final String SKU = "Copilot AI Credits";
    public static final String UNIT = "ai-credits";
    private static final BigDecimal PRICE = new BigDecimal("0.01");
    /** The figures an enterprise's item sums over its organizations' items. */
    public static final List<String> SUMMED = List.of("grossQuantity", "grossAmount", "discountQuantity", "discountAmount", "netQuantity",
            "netAmount");
    private static final String[] MODELS = {"gpt-4.1", "Claude Sonnet 4.5", "Auto: Claude Haiku 4.5", "Gemini 2.5 Pro (preview)"};

    private final SandboxData data;
    /** Scopes (organization login, or "enterprise") whose billing API answers 403, as for a token without the permission. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    public AiCreditUsageData(SandboxData data) {
        this.data = data;
    }

    /** From now on the scope's billing API answers 403 (refused) or its usage again (not refused). */
    public void refuse(String scope, boolean refuse) {
        if (refuse) {
            refused.add(scope);
        } else {
            refused.remove(scope);
        }
    }

    /** An organization's usage items of a day: none on a day without a usage report (nobody used Copilot). */
    public List<ObjectNode> organizationItems(String org, LocalDate day) {
        if (data.organization(org) == null || data.userRows(org, day) == null) {
            return List.of();
        }
        Random random = new Random(Objects.hash(org, day.toString()));
        List<ObjectNode> items = new ArrayList<>();
        for (String model : MODELS) {
            if (items.isEmpty() || random.nextDouble() < 0.7) {
                items.add(item(random, model));
            }
        }
        // code review has no model: GitHub's docs say the field is a string, live clients treat it as optional
        ObjectNode review = item(random, null);
        switch (day.getDayOfMonth() % 3) {
            case 0 -> review.put("model", "");
            case 1 -> review.putNull("model");
            default -> review.remove("model");
        }
        items.add(review);
        return items;
    }

    /** The enterprise's usage items of a day: its organizations' summed by product, sku and model (empty, null and missing alike). */
    public List<ObjectNode> enterpriseItems(LocalDate day) {
        Map<List<String>, ObjectNode> sums = new LinkedHashMap<>();
        for (SandboxData.Organization org : data.organizations()) {
            for (ObjectNode item : organizationItems(org.login(), day)) {
                List<String> key = List.of(item.get("product").asText(), item.get("sku").asText(), item.path("model").asText(""));
                ObjectNode sum = sums.get(key);
                if (sum == null) {
                    sums.put(key, item.deepCopy());
                    continue;
                }
                for (String field : SUMMED) {
                    sum.put(field, BigDecimal.valueOf(sum.get(field).doubleValue()).add(BigDecimal.valueOf(item.get(field).doubleValue())).doubleValue());
                }
            }
        }
        return List.copyOf(sums.values());
    }

    private static ObjectNode item(Random random, String model) {
        BigDecimal gross = BigDecimal.valueOf(random.nextInt(50_000_000)).movePointLeft(4);
        // most days the plan's included credits cover everything; some days only part of it
        BigDecimal discount = random.nextDouble() < 0.6 ? gross
                : gross.multiply(BigDecimal.valueOf(random.nextInt(1000)).movePointLeft(3)).setScale(4, RoundingMode.HALF_UP);
        ObjectNode item = F.objectNode();
        item.put("product", PRODUCT).put("sku", SKU).put("model", model).put("unitType", UNIT).put("pricePerUnit", PRICE.doubleValue())
                .put("grossQuantity", gross.doubleValue()).put("grossAmount", gross.multiply(PRICE).doubleValue())
                .put("discountQuantity", discount.doubleValue()).put("discountAmount", discount.multiply(PRICE).doubleValue())
                .put("netQuantity", gross.subtract(discount).doubleValue())
                .put("netAmount", gross.multiply(PRICE).subtract(discount.multiply(PRICE)).doubleValue());
        return item;
    }

    /**
     * GitHub's answer for a scope ({@code organizations} or {@code enterprises}) and the day of the query's year, month
     * and day: {@code {timePeriod, organization|enterprise, usageItems}}; 403 when the scope is refused.
     */
    void answer(StandInServer.Request request, HttpExchange exchange, String type, String scope) throws IOException {
        boolean enterprise = type.equals("enterprises");
        if (refused.contains(enterprise ? "enterprise" : scope)) {
            StandInServer.send(exchange, 403, "{\"message\":\"You must be an " + (enterprise ? "enterprise" : "organization")
                    + " admin or billing manager to view this usage.\",\"documentation_url\":\"https://docs.github.com/rest/billing/usage\","
                    + "\"status\":\"403\"}");
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.of(Integer.parseInt(StandInServer.query(request, "year")), Integer.parseInt(StandInServer.query(request, "month")),
                    Integer.parseInt(StandInServer.query(request, "day")));
        } catch (NumberFormatException | DateTimeException e) {
            // GitHub would answer a whole month or year without a day; the sync always asks for one day
            StandInServer.send(exchange, 400, "{\"message\":\"the stand-in answers single days: year, month and day as integers\",\"status\":\"400\"}");
            return;
        }
        ObjectNode answer = F.objectNode();
        answer.putObject("timePeriod").put("year", day.getYear()).put("month", day.getMonthValue()).put("day", day.getDayOfMonth());
        answer.put(enterprise ? "enterprise" : "organization", scope);
        ArrayNode items = answer.putArray("usageItems");
        (enterprise ? enterpriseItems(day) : organizationItems(scope, day)).forEach(items::add);
        StandInServer.send(exchange, 200, answer);
    }
}
