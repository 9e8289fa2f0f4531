package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub App side of {@link GitHubStandIn}: it holds the App's public key and checks every JWT on the App
 * endpoints (RS256 signature, iss, iat and exp; 401 otherwise, with GitHub's messages), knows which organizations the
 * App is installed on (plus one user account, which is no organization), issues installation tokens with a
 * lifetime a test can shorten, and says which calls such a token may make: its own organization's endpoints; not
 * the enterprise's, nor /user (403, as GitHub answers).
 */
public final class GitHubAppHost implements AppEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORG_INSTALLATION = Pattern.compile("/orgs/([^/]+)/installation");
    private static final Pattern INSTALLATION = Pattern.compile("/app/installations/(\\d+)");
    private static final Pattern ACCESS_TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");
    private static final Pattern ORG_PATH = Pattern.compile("/(?:orgs|organizations)/([^/]+)/.*");
    /** The user account the App is installed on too: listed by /app/installations, never an organization scope. */
    public static final String USER_ACCOUNT = "sandbox-admin";

    private record Issued(String account, Instant expires) {
    }

    private final long appId;
    private final String clientId;
    private final PublicKey publicKey;
    private final Map<String, Long> installations = new LinkedHashMap<>();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issuedPerAccount = new ConcurrentHashMap<>();
    private final List<String> jwts = new CopyOnWriteArrayList<>();
    private final AtomicInteger expiredTokenUses = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    /** The App (its public key) installed on every organization of the stand-in's data, the stand-in told to act as its host. */
    public static GitHubAppHost installOn(GitHubStandIn github, long appId, PublicKey publicKey) {
        GitHubAppHost app = new GitHubAppHost(appId, publicKey,
                github.data().organizations().stream().map(SandboxData.Organization::login).toList());
        github.actAsApp(app);
        return app;
    }

    private GitHubAppHost(long appId, PublicKey publicKey, List<String> organizations) {
        this.appId = appId;
        this.clientId = "Iv23li" + Long.toHexString(appId * 7919);
        this.publicKey = publicKey;
        long id = 70_000;
        for (String org : organizations) {
            installations.put(org, ++id);
        }
        installations.put(USER_ACCOUNT, 79_999L);
    }

    /** The App's Client ID, which GitHub accepts as the JWT's iss as well as the App ID. */
    public String clientId() {
        return clientId;
    }

    /** Installation tokens issued from now on live this long (GitHub: an hour). */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The App is removed from an organization: /orgs/{org}/installation answers 404. */
    public synchronized void uninstall(String organization) {
        installations.remove(organization);
    }

    /** The installation id of the App on an account, or null. */
    public synchronized Long installationOf(String account) {
        return installations.get(account);
    }

    /** How many installation tokens were issued for an account's installation. */
    public int tokensIssued(String account) {
        AtomicInteger n = issuedPerAccount.get(account);
        return n == null ? 0 : n.get();
    }

    /** Every installation token issued, and every JWT received: what must never show in a log. */
    public List<String> secretsSeen() {
        List<String> secrets = new ArrayList<>(tokens.keySet());
        secrets.addAll(jwts);
        return secrets;
    }

    /** Calls made with an installation token after it had expired (refused with 401). */
    public int expiredTokenUses() {
        return expiredTokenUses.get();
    }

    /** The App's own endpoints, which take the JWT. */
    @Override
    public boolean answers(String path) {
        return path.equals("/app") || path.startsWith("/app/") || ORG_INSTALLATION.matcher(path).matches();
    }

    /**
     * Whether an installation token opens an endpoint other than the App's: 0 yes, 401 not a live installation token,
     * 403 a token that may not go there (the enterprise, /user, another organization).
     */
    @Override
    public int installationTokenRefusal(String authorization, String path) {
        Issued issued = authorization == null || !authorization.startsWith("Bearer ") ? null : tokens.get(authorization.substring(7));
        if (issued == null) {
            return 401;
        }
        if (!Instant.now().isBefore(issued.expires())) {
            expiredTokenUses.incrementAndGet();
            return 401;
        }
        Matcher org = ORG_PATH.matcher(path);
        return org.matches() && org.group(1).equals(issued.account()) ? 0 : 403;
    }

    @Override
    public void handle(StandInServer.Request request, HttpExchange exchange, Pages pages) throws IOException {
        String refusal = jwtRefusal(request.header("Authorization"));
        if (refusal != null) {
            StandInServer.send(exchange, 401, JSON.createObjectNode().put("message", refusal)
                    .put("documentation_url", "https://docs.github.com/rest").put("status", "401").toString());
            return;
        }
        String path = request.path();
        Matcher m;
        if ("POST".equals(request.method()) && (m = ACCESS_TOKENS.matcher(path)).matches()) {
            String account = accountOf(Long.parseLong(m.group(1)));
            if (account == null) {
                notFound(exchange);
                return;
            }
            String token = "ghs_" + UUID.randomUUID().toString().replace("-", "") + "x";
            Instant expires = Instant.now().plus(tokenLifetime).truncatedTo(ChronoUnit.SECONDS);
            tokens.put(token, new Issued(account, expires));
            issuedPerAccount.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet();
            ObjectNode answer = JSON.createObjectNode().put("token", token).put("expires_at", expires.toString());
            answer.set("permissions", permissions());
            answer.put("repository_selection", "all");
            StandInServer.send(exchange, 201, answer.toString());
        } else if (!"GET".equals(request.method())) {
            notFound(exchange);
        } else if (path.equals("/app")) {
            ObjectNode app = JSON.createObjectNode().put("id", appId).put("slug", "copilot-port-sync").put("client_id", clientId)
                    .put("name", "Copilot Port Sync");
            app.set("permissions", permissions());
            StandInServer.send(exchange, 200, app.toString());
        } else if (path.equals("/app/installations")) {
            pages.send(installationObjects());
        } else if ((m = INSTALLATION.matcher(path)).matches()) {
            answerInstallation(exchange, accountOf(Long.parseLong(m.group(1))));
        } else if ((m = ORG_INSTALLATION.matcher(path)).matches()) {
            answerInstallation(exchange, installationOf(m.group(1)) == null ? null : m.group(1));
        } else {
            notFound(exchange);
        }
    }

    /** Why GitHub would refuse this JWT, or null when it is good: GitHub's own messages. */
    private String jwtRefusal(String authorization) {
        String undecodable = "A JSON web token could not be decoded";
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return undecodable;
        }
        String jwt = authorization.substring(7);
        jwts.add(jwt);
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return undecodable;
        }
        JsonNode header;
        JsonNode claims;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            header = JSON.readTree(b64.decode(parts[0]));
            claims = JSON.readTree(b64.decode(parts[1]));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !rs256.verify(b64.decode(parts[2]))) {
                return undecodable;
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return undecodable;
        }
        String iss = claims.path("iss").asText("");
        if (!iss.equals(Long.toString(appId)) && !iss.equals(clientId)) {
            return "Integration not found";
        }
        long now = Instant.now().getEpochSecond();
        if (!claims.path("iat").canConvertToLong() || claims.path("iat").asLong() > now + 5) {
            return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
        }
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) {
            return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        }
        if (claims.path("exp").asLong() > now + 600) {
            return "'Expiration time' claim ('exp') is too far in the future";
        }
        return null;
    }

    private synchronized String accountOf(long installation) {
        return installations.entrySet().stream().filter(e -> e.getValue() == installation).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private synchronized List<ObjectNode> installationObjects() {
        return installations.keySet().stream().map(this::installation).toList();
    }

    private void answerInstallation(HttpExchange exchange, String account) throws IOException {
        if (account == null) {
            notFound(exchange);
            return;
        }
        StandInServer.send(exchange, 200, installation(account).toString());
    }

    private ObjectNode installation(String account) {
        boolean user = account.equals(USER_ACCOUNT);
        ObjectNode installation = JSON.createObjectNode().put("id", installationOf(account)).put("app_id", appId)
                .put("app_slug", "copilot-port-sync").put("target_type", user ? "User" : "Organization");
        installation.putObject("account").put("login", account).put("id", 9_000 + Math.abs(account.hashCode() % 1000))
                .put("node_id", (user ? "MDQ6VXNlcj" : "MDEyOk9yZ2FuaXphdGlvbj") + account.length())
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + account.length())
                .put("type", user ? "User" : "Organization");
        installation.set("permissions", permissions());
        installation.put("repository_selection", "all");
        return installation;
    }

    private static ObjectNode permissions() {
        return JSON.createObjectNode().put("organization_copilot_metrics", "read").put("organization_copilot_seat_management", "read")
                .put("members", "read");
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        StandInServer.send(exchange, 404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
    }
}
