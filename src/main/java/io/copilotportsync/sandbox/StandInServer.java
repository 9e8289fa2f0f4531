package io.copilotportsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP (or, given a TLS context, HTTPS) server on a free port that records every request it gets: the
 * ground the stand-ins stand on.
 */
public abstract class StandInServer implements AutoCloseable {

    /** One request as the stand-in saw it; header names lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, each response then waits for the
        // client's delayed ACK (40 ms), which would make the stand-ins, not the code under test, the bottleneck.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private volatile String publicUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "stand-in");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Interceptor> interceptors = new CopyOnWriteArrayList<>();

    /**
     * Answers a request in the stand-in's place, or lets it through (false). Tests inject faults with it (src/test's
     * Faults); {@code --sandbox} answers as GitHub and Port do.
     */
    public interface Interceptor {
        boolean answered(Request request, HttpExchange exchange) throws IOException;
    }

    /** From now on each request goes to the interceptor first; an answer it gives counts as a fault given. */
    public void intercept(Interceptor interceptor) {
        interceptors.add(interceptor);
    }

    /** How many injected faults were met: injected answers, and the faults a stand-in stages itself. */
    public int faultsGiven() {
        return faultsGiven.get();
    }

    protected void faultGiven() {
        faultsGiven.incrementAndGet();
    }

    private final java.util.concurrent.atomic.AtomicInteger faultsGiven = new java.util.concurrent.atomic.AtomicInteger();

    protected StandInServer(String loopbackAddress) throws IOException {
        this(loopbackAddress, null);
    }

    /** @param tls null: plain HTTP; else HTTPS with this context's certificate */
    protected StandInServer(String loopbackAddress, javax.net.ssl.SSLContext tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(loopbackAddress, 0), 64);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(loopbackAddress, 0), 64);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}, or the one given to {@link #servedAs(String)}. */
    public String url() {
        return publicUrl != null ? publicUrl : (server instanceof com.sun.net.httpserver.HttpsServer ? "https://" : "http://")
                + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /**
     * The base URL under which clients know this stand-in (say {@code https://api.octo.ghe.com}), reached through a
     * proxy that maps it to {@link #address()}; it is also the base of the links the stand-in hands out.
     */
    public void servedAs(String url) {
        this.publicUrl = url;
    }

    /** Where the server really listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers));
        requests.add(request);
        for (Interceptor interceptor : interceptors) {
            if (interceptor.answered(request, exchange)) {
                faultsGiven.incrementAndGet();
                return;
            }
        }
        try (exchange) {
            handle(request, exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"message\":\"stand-in error: " + e.getClass().getSimpleName() + "\"}");
        }
    }

    protected abstract void handle(Request request, HttpExchange exchange) throws IOException;

    /** Writes JSON with Jackson's streaming serializer: JsonNode.toString walks large trees at twice the cost. */
    protected static final com.fasterxml.jackson.databind.ObjectMapper WRITER = new com.fasterxml.jackson.databind.ObjectMapper();

    protected static void send(HttpExchange exchange, int status, com.fasterxml.jackson.databind.JsonNode body) throws IOException {
        send(exchange, status, WRITER.writeValueAsBytes(body));
    }

    protected static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) { // an injected answer may bring its own
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    protected static String query(Request request, String name) {
        if (request.query() == null) {
            return null;
        }
        for (String pair : request.query().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
