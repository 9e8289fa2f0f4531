package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Answers a stand-in gives in place of its own, for tests of how the sync meets a failing GitHub or Port: the next
 * {@code times} requests whose path (or path?query) matches get the injected status, headers and body; status 0
 * drops the connection without an answer. {@code --sandbox} injects none, so this lives with the tests.
 */
public final class Faults implements StandInServer.Interceptor {
    private static final Map<StandInServer, Faults> OF = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    private record Fault(Pattern path, AtomicInteger left, int status, Map<String, String> headers, String body,
                         Supplier<InputStream> stream) {
        boolean matches(StandInServer.Request request) {
            return path.matcher(request.path()).matches()
                    || request.query() != null && path.matcher(request.path() + "?" + request.query()).matches();
        }
    }

    private Faults() {
    }

    /** The faults of a stand-in, which from then on answers through them. */
    public static Faults of(StandInServer server) {
        return OF.computeIfAbsent(server, s -> {
            Faults faults = new Faults();
            s.intercept(faults);
            return faults;
        });
    }

    /** The next {@code times} requests whose path matches the regex get this answer (status 0: no answer at all). */
    public void inject(String pathRegex, int times, int status, Map<String, String> headers, String body) {
        faults.add(new Fault(Pattern.compile(pathRegex), new AtomicInteger(times), status, headers, body, null));
    }

    /**
     * The next {@code times} requests whose path matches get this status and headers, and a body streamed from a
     * fresh stream of the supplier (chunked): an answer of any size, never held whole.
     */
    public void injectStreamed(String pathRegex, int times, int status, Map<String, String> headers, Supplier<InputStream> body) {
        faults.add(new Fault(Pattern.compile(pathRegex), new AtomicInteger(times), status, headers, null, body));
    }

    /** The faults injected and not yet given are dropped: from now on the stand-in answers as it should. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * The next {@code times} GitHub calls whose path matches answer 401 with a message that quotes the request back,
     * as a proxy or gateway in front of GitHub may: the token and a signed report link, whole and as a bare request line.
     */
    public static void echoCredentials(GitHubStandIn github, String pathRegex, int times) {
        String link = "/reports/orgs/octo-org/users-1-day/2026-01-01/1.ndjson?sv=2025-01-05&se=2099-01-01&sig=" + github.signature();
        of(github).inject(pathRegex, times, 401, Map.of(), JsonNodeFactory.instance.objectNode().put("message", "Bad credentials: Bearer "
                + github.token() + " url " + github.downloads().url() + link + " (GET " + link + " with Authorization: token "
                + github.token() + ")").put("status", "401").toString());
    }

    @Override
    public boolean answered(StandInServer.Request request, HttpExchange exchange) throws IOException {
        for (Fault fault : faults) {
            if (fault.matches(request) && fault.left().getAndDecrement() > 0) {
                give(fault, exchange);
                return true;
            }
        }
        return false;
    }

    private static void give(Fault fault, HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (fault.status() == 0) {
            exchange.close();
            return;
        }
        fault.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        try (exchange) {
            if (fault.stream() != null) {
                exchange.sendResponseHeaders(fault.status(), 0);
                try (InputStream in = fault.stream().get(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                } catch (IOException clientWentAway) {
                    // a client that stops reading (a limit met) closes the connection: the answer ends there
                }
            } else {
                StandInServer.send(exchange, fault.status(), fault.body());
            }
        }
    }
}
