package io.copilotportsync.embed;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Tells an instance that the application has begun to stop, or to stop the route whose run is in progress, with the
 * time the application's shutdown strategy gives it. The application's shutdown waits for the route's exchange (the
 * run) up to its own timeout and then forces it: told at once, the run takes no new work and ends within that time,
 * instead of running on into a context that is going away.
 */
final class HostStopping extends EventNotifierSupport {
    /** What an instance leaves itself, out of the application's timeout, to end its run and stop its own context. */
    static final Duration STOPPING_MARGIN = Duration.ofSeconds(2);

    private final CamelContext host;
    private final Supplier<String> routeOfRun;
    private final Consumer<Duration> stopRun;

    /**
     * @param routeOfRun the id of the application's route whose exchange is the run in progress, or null
     * @param stopRun    told the time the run may take to end
     */
    HostStopping(CamelContext host, Supplier<String> routeOfRun, Consumer<Duration> stopRun) {
        this.host = host;
        this.routeOfRun = routeOfRun;
        this.stopRun = stopRun;
    }

    /** The application's shutdown timeout (its shutdown strategy's, for the context and for a route alike). */
    static Duration hostTimeout(CamelContext host) {
        return Duration.ofMillis(host.getShutdownStrategy().getTimeUnit().toMillis(host.getShutdownStrategy().getTimeout()));
    }

    /** The time a run may take to end: the instance's own timeout, within the application's less the margin (half of it at least). */
    static Duration grace(Duration own, Duration host) {
        Duration within = host.minus(STOPPING_MARGIN);
        if (within.compareTo(host.dividedBy(2)) < 0) {
            within = host.dividedBy(2);
        }
        return own.compareTo(within) < 0 ? own : within;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent || event instanceof CamelEvent.RouteStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent stopping && stopping.getContext() == host) {
            stopRun.accept(hostTimeout(host));
        } else if (event instanceof CamelEvent.RouteStoppingEvent route && route.getRoute().getCamelContext() == host
                && route.getRoute().getRouteId().equals(routeOfRun.get())) {
            stopRun.accept(hostTimeout(host));
        }
    }
}
