package io.copilotportsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port's rate limit for the Port stand-in: a fixed window per organization (limit requests per period, the window
 * starting with its first request), counted apart for entity requests and all other requests as Port counts them.
 * Every answer carries x-ratelimit-limit, -remaining, -reset and -period; a request over the limit is answered 429
 * with Retry-After (the seconds until the reset) and is not counted. Off until {@link #limit} is called.
 */
public final class PortRateWindow {

    /** How x-ratelimit-reset is written; or the headers missing or unreadable, as a proxy or an older Port may send. */
    public enum Headers {
        /** Seconds until the reset, rounded up (docs.port.io's current description). */
        SECONDS_LEFT,
        /** The reset as a UTC epoch second, rounded up (the description Port published in 2025). */
        EPOCH_SECONDS,
        /** No x-ratelimit-* header at all (Retry-After on a 429 still). */
        MISSING,
        /** x-ratelimit-* headers whose values are not numbers. */
        MALFORMED
    }

    private int limit;
    private int otherLimit;
    private long periodMillis;
    private Headers headers = Headers.SECONDS_LEFT;
    /** Requests another client of the same organization spends at the start of each window. */
    private int othersTake;
    private final Map<String, Window> windows = new HashMap<>();
    private final List<Window> past = new ArrayList<>();

    /** One window of one budget, and what it took and refused. */
    public static final class Window {
        final String budget;
        final long endMillis;
        int used;
        int accepted;
        int refused;

        Window(String budget, long endMillis) {
            this.budget = budget;
            this.endMillis = endMillis;
        }

        public String budget() {
            return budget;
        }

        /** Requests of the sync this window took (not counting another client's). */
        public synchronized int accepted() {
            return accepted;
        }

        /** Requests of this window answered 429. */
        public synchronized int refused() {
            return refused;
        }
    }

    /** Port enforces at most {@code limit} requests of each budget in every window of {@code period}. */
    public synchronized void limit(int limit, java.time.Duration period) {
        limit(limit, limit, period);
    }

    /** Entity requests and all other requests (blueprints) have limits of their own, as at Port. */
    public synchronized void limit(int entityLimit, int otherLimit, java.time.Duration period) {
        this.limit = entityLimit;
        this.otherLimit = otherLimit;
        this.periodMillis = period.toMillis();
    }

    public synchronized void headers(Headers headers) {
        this.headers = headers;
    }

    /** Another client of the organization (another integration) spends this many requests of each new window. */
    public synchronized void othersTake(int requests) {
        this.othersTake = requests;
    }

    /** Every window that saw a request, in the order they opened. */
    public synchronized List<Window> windows() {
        return List.copyOf(past);
    }

    /**
     * Counts a request of this organization against its budget and puts the rate-limit headers on the answer;
     * false (and a 429 sent) when the window has nothing left.
     */
    boolean admit(String organization, String path, HttpExchange exchange) throws java.io.IOException {
        long now = System.currentTimeMillis();
        Window w;
        boolean over;
        int limitNow;
        long period;
        Headers shape;
        synchronized (this) {
            if (limit <= 0) {
                return true;
            }
            String budget = path.contains("/entities") ? "entities" : "other";
            int budgetLimit = budget.equals("entities") ? limit : otherLimit;
            String key = organization + "\t" + budget;
            w = windows.get(key);
            if (w == null || now >= w.endMillis) {
                w = new Window(budget, now + periodMillis);
                w.used = Math.min(budgetLimit, othersTake);
                windows.put(key, w);
                past.add(w);
            }
            over = w.used >= budgetLimit;
            synchronized (w) {
                if (over) {
                    w.refused++;
                } else {
                    w.used++;
                    w.accepted++;
                }
            }
            limitNow = budgetLimit;
            period = periodMillis;
            shape = headers;
        }
        long secondsLeft = Math.max(1, (w.endMillis - now + 999) / 1000);
        com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
        switch (shape) {
            case SECONDS_LEFT, EPOCH_SECONDS -> {
                out.set("x-ratelimit-limit", Integer.toString(limitNow));
                out.set("x-ratelimit-remaining", Integer.toString(Math.max(0, limitNow - w.used)));
                out.set("x-ratelimit-period", Long.toString(Math.max(1, period / 1000)));
                out.set("x-ratelimit-reset", Long.toString(shape == Headers.SECONDS_LEFT ? secondsLeft : (w.endMillis + 999) / 1000));
            }
            case MALFORMED -> {
                out.set("x-ratelimit-limit", "many");
                out.set("x-ratelimit-remaining", "-");
                out.set("x-ratelimit-period", "5m");
                out.set("x-ratelimit-reset", "soon");
            }
            case MISSING -> {
            }
        }
        if (over) {
            out.set("Retry-After", Long.toString(secondsLeft));
            StandInServer.send(exchange, 429, "{\"ok\":false,\"error\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}");
            return false;
        }
        return true;
    }
}
