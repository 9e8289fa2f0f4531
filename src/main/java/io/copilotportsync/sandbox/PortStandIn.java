package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port's API as far as this project uses it: access tokens, blueprints, and bulk upsert with Port's limits
 * (1 to 20 entities, 1 MiB) and per-entity checks (identifier pattern, properties known to the blueprint and of
 * its type), answering 200 or 207 like Port. What it holds afterwards is what the sync wrote.
 */
public final class PortStandIn extends StandInServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BULK = Pattern.compile("/v1/blueprints/([^/]+)/entities/bulk");
    private static final Pattern SINGLE = Pattern.compile("/v1/blueprints/([^/]+)/entities");
    private static final Pattern DELETE = Pattern.compile("/v1/blueprints/([^/]+)/bulk/entities/delete");
    private static final Pattern BLUEPRINT = Pattern.compile("/v1/blueprints/([^/]+)");

    private final String clientId;
    private final String clientSecret;
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> blueprints = new ConcurrentHashMap<>();
    private final PortEntities entities = new PortEntities(blueprints);
    private final AtomicInteger bulkRequests = new AtomicInteger();
    /** Port's body limit. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private volatile PortStaging staged = new PortStaging() { };
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final PortRateWindow rateWindow = new PortRateWindow();
    private final PortPages pages = new PortPages();

    public PortStandIn(String clientId, String clientSecret) throws IOException {
        this(clientId, clientSecret, null);
    }

    /** @param tls null: plain HTTP; else HTTPS with this context's certificate */
    public PortStandIn(String clientId, String clientSecret, javax.net.ssl.SSLContext tls) throws IOException {
        super("127.0.0.1", tls);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Blueprint → identifier → entity {identifier, title, properties, relations}, as Port would show them. */
    public Map<String, Map<String, ObjectNode>> holdings() {
        return entities.holdings();
    }

    public Map<String, ObjectNode> blueprints() {
        return new TreeMap<>(blueprints);
    }

    /** Page identifier → page, as Port holds them. */
    public Map<String, ObjectNode> pages() {
        return pages.all();
    }

    /** The first create of this page finds it made by a concurrent creator (after our check): Port answers 409. */
    public void pageCreatedConcurrently(String identifier) {
        pages.createdConcurrently(identifier);
    }

    /** A page Port already has before the sync starts, as a user may have made or changed it. */
    public void existingPage(ObjectNode page) {
        pages.existing(page);
    }

    /** An entity Port already has before the sync starts (of Port's GitHub integration, say). */
    public void existingEntity(String blueprint, ObjectNode entity) {
        entities.existing(blueprint, entity);
    }

    /** A blueprint Port already has before the sync starts, as a user may have made it. */
    public void existingBlueprint(ObjectNode blueprint) {
        blueprints.put(blueprint.path("identifier").asText(), blueprint);
    }

    /** From now on Port answers as staged. */
    public void stage(PortStaging staged) {
        this.staged = staged;
    }

    /** Port's answer to a create of a blueprint it has, as its API reference words identifier_taken. */
    static String identifierTaken() {
        return JSON.createObjectNode().put("ok", false).put("error", "identifier_taken")
                .put("message", "The provided identifier already exists, identifiers must be unique").toString();
    }

    /** Port's rate limit: off until a test sets a limit; its windows tell what each took and refused. */
    public PortRateWindow rateWindow() {
        return rateWindow;
    }

    /** The most bulk upserts that were in progress at the same moment. */
    /** Bulk requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int bulkRequests() {
        return bulkRequests.get();
    }

    /** Every access token handed out, so that a test can look for them where they must not be. */
    public java.util.Collection<String> issuedTokens() {
        return issuedTokens.keySet();
    }

    @Override
    protected void handle(Request request, HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if (request.path().equals("/v1/auth/access_token") && request.method().equals("POST")) {
            JsonNode creds = JSON.readTree(raw);
            if (!clientId.equals(creds.path("clientId").asText()) || !clientSecret.equals(creds.path("clientSecret").asText())) {
                send(exchange, 401, "{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"Invalid credentials\"}");
                return;
            }
            String token = "port-at-" + UUID.randomUUID();
            issuedTokens.put(token, clientId);
            send(exchange, 200, JSON.createObjectNode().put("ok", true).put("accessToken", token)
                    .put("expiresIn", 10800).put("tokenType", "Bearer").toString());
            return;
        }
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !issuedTokens.containsKey(auth.substring(7))) {
            send(exchange, 401, "{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"Invalid or expired token\"}");
            return;
        }
        if (!rateWindow.admit(issuedTokens.get(auth.substring(7)), request.path(), exchange)) {
            return;
        }
        Matcher bulk = BULK.matcher(request.path());
        if (bulk.matches() && request.method().equals("POST")) {
            bulkUpsert(bulk.group(1), raw, request, exchange);
            return;
        }
        Matcher delete = DELETE.matcher(request.path());
        if (delete.matches() && request.method().equals("POST")) {
            JsonNode ids = JSON.readTree(raw).path("entities");
            if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
                send(exchange, 422, "{\"ok\":false,\"error\":\"invalid_request\",\"message\":\"1 to 100 identifiers expected\"}");
                return;
            }
            entities.delete(delete.group(1), ids);
            send(exchange, 200, "{\"ok\":true}");
            return;
        }
        Matcher single = SINGLE.matcher(request.path());
        if (single.matches() && request.method().equals("POST")) {
            singleUpsert(single.group(1), raw, request, exchange);
            return;
        }
        if (request.path().equals("/v1/blueprints") && request.method().equals("POST")) {
            ObjectNode blueprint = (ObjectNode) JSON.readTree(raw);
            String id = blueprint.path("identifier").asText();
            String problem = BlueprintShape.problem(blueprint);
            problem = problem != null ? problem : PortRelations.blueprintProblem(blueprint, blueprints);
            if (problem != null) {
                send(exchange, 422, JSON.createObjectNode().put("ok", false).put("error", "invalid_request").put("message", problem).toString());
                return;
            }
            if (staged.createdConcurrently(id)) {
                blueprints.putIfAbsent(id, blueprint.deepCopy());
                faultGiven();
            }
            if (blueprints.putIfAbsent(id, blueprint) != null) {
                send(exchange, 409, identifierTaken());
                return;
            }
            send(exchange, 200, JSON.createObjectNode().put("ok", true).set("blueprint", blueprint).toString());
            return;
        }
        if (request.path().startsWith("/v1/pages")) {
            Object[] answer = request.method().equals("POST") && request.path().equals("/v1/pages") ? pages.create(JSON.readTree(raw))
                    : request.method().equals("GET") ? pages.get(request.path().substring("/v1/pages/".length()))
                    : new Object[] {404, "{\"ok\":false,\"error\":\"not_found\"}"};
            send(exchange, (Integer) answer[0], (String) answer[1]);
            return;
        }
        Matcher bp = BLUEPRINT.matcher(request.path());
        if (bp.matches() && request.method().equals("GET")) {
            ObjectNode blueprint = blueprints.get(bp.group(1));
            send(exchange, blueprint == null ? 404 : 200, blueprint == null
                    ? "{\"ok\":false,\"error\":\"not_found\",\"message\":\"Blueprint not found\"}"
                    : JSON.createObjectNode().put("ok", true).set("blueprint", blueprint).toString());
            return;
        }
        send(exchange, 404, "{\"ok\":false,\"error\":\"not_found\"}");
    }

    private void bulkUpsert(String blueprintId, byte[] raw, Request request, HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        // a request is in flight until its answer is sent: the answer goes out after the count drops
        HttpExchange counted = new CountedExchange(exchange, inFlight);
        try {
            bulkUpsertNow(blueprintId, raw, request, counted);
        } finally {
            ((CountedExchange) counted).release();
        }
    }

    private void bulkUpsertNow(String blueprintId, byte[] raw, Request request, HttpExchange exchange) throws IOException {
        bulkRequests.incrementAndGet();
        staged.beforeBulk();
        if (staged.forgetsBlueprint(blueprintId)) {
            blueprints.remove(blueprintId);
            faultGiven();
        }
        if (raw.length > MAX_BODY_BYTES || staged.refusesBody(raw.length)) {
            faultGiven();
            send(exchange, 413, "{\"ok\":false,\"error\":\"payload_too_large\"}");
            return;
        }
        ObjectNode blueprint = blueprints.get(blueprintId);
        if (blueprint == null) {
            send(exchange, 404, "{\"ok\":false,\"error\":\"not_found\",\"message\":\"Blueprint " + blueprintId + " not found\"}");
            return;
        }
        if (!"true".equals(query(request, "upsert"))) {
            send(exchange, 422, "{\"ok\":false,\"error\":\"invalid_request\",\"message\":\"upsert=true expected\"}");
            return;
        }
        JsonNode list = JSON.readTree(raw).path("entities");
        if (!list.isArray() || list.isEmpty() || list.size() > 20) {
            send(exchange, 422, "{\"ok\":false,\"error\":\"invalid_request\",\"message\":\"1 to 20 entities expected\"}");
            return;
        }
        java.util.List<String> identifiers = new java.util.ArrayList<>();
        list.forEach(e -> identifiers.add(e.path("identifier").asText("")));
        String wholeRefusal = staged.wholeRefusal(identifiers);
        if (wholeRefusal != null) {
            faultGiven();
            send(exchange, 422, wholeRefusal);
            return;
        }
        ObjectNode answer = entities.upsert(blueprintId, blueprint, list, "true".equals(query(request, "merge")),
                "true".equals(query(request, "create_missing_related_entities")), identifier -> {
                    boolean refused = staged.refuses(identifier);
                    if (refused) {
                        faultGiven();
                    }
                    return refused;
                });
        send(exchange, answer.path("errors").isEmpty() ? 200 : 207, answer);
    }

    private void singleUpsert(String blueprintId, byte[] raw, Request request, HttpExchange exchange) throws IOException {
        ObjectNode blueprint = blueprints.get(blueprintId);
        if (blueprint == null) {
            send(exchange, 404, "{\"ok\":false,\"error\":\"not_found\",\"message\":\"Blueprint " + blueprintId + " not found\"}");
            return;
        }
        JsonNode entity = JSON.readTree(raw);
        String identifier = entity.path("identifier").asText("");
        String wholeRefusal = staged.wholeRefusal(List.of(identifier));
        if (wholeRefusal != null) {
            send(exchange, 422, wholeRefusal);
            return;
        }
        String problem = entities.problem(blueprint, entity, identifier, "true".equals(query(request, "create_missing_related_entities")));
        if (problem != null) {
            send(exchange, 422, JSON.createObjectNode().put("ok", false).put("error", "invalid_request").put("message", problem).toString());
            return;
        }
        boolean created = entities.store(blueprintId, identifier, (ObjectNode) entity, "true".equals(query(request, "merge")));
        send(exchange, created ? 201 : 200, JSON.createObjectNode().put("ok", true).set("entity", entity).toString());
    }
}
