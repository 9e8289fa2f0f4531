package io.copilotportsync.embed;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.sync.SyncApplication;
import io.copilotportsync.sync.SyncSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.language.simple.Simple;
import org.apache.camel.main.SimpleMain;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync as a bean of an application's route (the Kamelet {@code copilot-port-sync-source} and the route template
 * {@code copilot-port-sync}): its properties are the template's parameters; it runs the routes shipped in the jar in
 * a CamelContext of its own, started by {@link #start()} when the route is created and stopped by {@link #stop()} when
 * it is removed or the application stops (the template's init and destroy methods), and each {@link #sync}
 * is one run whose summary becomes the message body.
 */
public final class EmbeddedSync extends EmbeddedParameters implements CamelContextAware {
    /** Header of the summary message: true when every kind and scope succeeded. */
    public static final String SUCCEEDED = "CopilotSyncSucceeded";
    /** Header of the message: true when another replica took this tick (cluster mode); no summary then. */
    public static final String SKIPPED = "CopilotSyncSkipped";
    /** Header of the summary message: the summary as a {@link RunSummary}, per kind and scope. */
    public static final String SUMMARY = "CopilotSyncSummary";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSync.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String REPLICA = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private final Object lifecycle = new Object();
    private final Object runs = new Object();
    private final String name = "copilot-port-sync-" + INSTANCES.incrementAndGet();
    private volatile SyncApplication application;
    private volatile SimpleMain main;
    private volatile ProducerTemplate template;
    /** The application's context (Camel sets it), whose camel-health registry gets the instance's check. */
    private volatile CamelContext host;
    private final LastRunHealthCheck health = new LastRunHealthCheck(name);
    /** The application's route whose exchange is the run in progress, or null between runs. */
    private volatile String routeOfRun;
    /** When the application began to stop: the instance's context must be stopped by then (System.nanoTime()). */
    private volatile long hostStopsBy;
    private volatile boolean hostStopping;
    private volatile Duration ownTimeout = Duration.ofSeconds(30);
    private volatile HostStopping hostStop;

    /**
     * Checks the parameters as the jar checks its environment, then starts the shipped routes in their own context.
     * A missing or malformed parameter is a {@link ConfigurationException} naming it.
     */
    public void start() {
        synchronized (lifecycle) {
            if (main != null) {
                return;
            }
            SyncSettings settings = settings();
            Path dir = settings.dataDir().toAbsolutePath().normalize();
            // two instances on one state directory would take each other's entities for already sent: the state's
            // DATA_DIR lock refuses the second, in this application or another process
            SyncApplication app = null;
            SimpleMain inner = null;
            try {
                app = SyncApplication.instance(settings, Clock.systemUTC(), name);
                inner = app.embedded(name);
                inner.start();
                template = inner.getCamelContext().createProducerTemplate();
            } catch (Exception e) {
                stopQuietly(inner);
                if (app != null) {
                    app.close();
                }
                if (e instanceof ConfigurationException c) {
                    throw new ConfigurationException(SecretRedactor.redact(ParameterNames.inMessage(c.getMessage())));
                }
                throw new IllegalStateException(name + " could not start: " + SecretRedactor.redact(e.getMessage()), e);
            }
            application = app;
            main = inner;
            ownTimeout = Duration.ofSeconds(settings.shutdownTimeoutSeconds());
            if (host != null) {
                hostStop = new HostStopping(host, () -> routeOfRun, this::hostStopping);
                ServiceHelper.startService(hostStop);
                host.getManagementStrategy().addEventNotifier(hostStop);
            }
            HealthCheckRegistry registry = host == null ? null : HealthCheckRegistry.get(host);
            if (registry != null) {
                registry.register(health);
            }
            // the application's micrometer registry (camel-micrometer's, or its own), when it has exactly one
            java.util.Set<io.micrometer.core.instrument.MeterRegistry> hostMeters = host == null ? java.util.Set.of()
                    : host.getRegistry().findByType(io.micrometer.core.instrument.MeterRegistry.class);
            if (hostMeters.size() == 1) {
                app.meterAlsoTo(hostMeters.iterator().next());
            }
            LOG.info("{} started: Port {}, state in {}", name, settings.portApiUrl(), dir);
        }
    }

    /** One sync of every kind (or of {@code kinds}); the body becomes the summary table, the {@value #SUCCEEDED} header its outcome and {@value #SUMMARY} its figures. */
    public String sync(@Headers Map<String, Object> headers, @Simple("${routeId}") String routeId) {
        SyncSummary summary;
        synchronized (runs) {
            if (host != null && (host.isStopping() || host.isStopped())) {
                headers.put(SKIPPED, true);
                headers.put(SUCCEEDED, true);
                return name + ": the application is stopping; nothing synced";
            }
            start();
            hostStopping = false;
            // cluster mode: replicas whose Quartz is not clustered each fire the tick; the first to claim it runs it
            java.util.Date tick = headers.get("scheduledFireTime") instanceof java.util.Date fired ? fired : null;
            try (var claim = tick == null ? null : application.claimTick(tick.toInstant(), REPLICA + " " + name)) {
                if (tick != null && claim == null) {
                    String skipped = name + ": the tick of " + tick.toInstant() + " is another replica's (cluster mode); nothing synced";
                    LOG.info(skipped);
                    headers.put(SKIPPED, true);
                    headers.put(SUCCEEDED, true);
                    return skipped;
                }
                routeOfRun = routeId;
                try {
                    summary = application.syncOnce(template);
                } finally {
                    routeOfRun = null;
                }
            }
            health.ran(summary);
        }
        headers.put(SUCCEEDED, summary.succeeded());
        headers.put(SUMMARY, RunSummary.of(summary));
        return SecretRedactor.redact(summary.render());
    }

    /** Stops the inner context and lets go of its threads and state; a later {@link #sync} starts it again. */
    public void stop() {
        synchronized (lifecycle) {
            if (main == null) {
                return;
            }
            try {
                if (hostStopping) {
                    // what is left of the application's timeout, so that it is not this context's own on top of it; the
                    // run has ended, and what its batches still wait for is read again next run
                    long left = Math.max(100, (hostStopsBy - System.nanoTime()) / 1_000_000);
                    if (left < ownTimeout.toMillis()) {
                        main.getCamelContext().getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
                        main.getCamelContext().getShutdownStrategy().setTimeout(left);
                    }
                }
                main.stop();
            } finally {
                if (hostStop != null) {
                    host.getManagementStrategy().removeEventNotifier(hostStop);
                    hostStop = null;
                }
                HealthCheckRegistry registry = host == null ? null : HealthCheckRegistry.get(host);
                if (registry != null) {
                    registry.unregister(health);
                }
                application.close();
                main = null;
                application = null;
                template = null;
                LOG.info("{} stopped", name);
            }
        }
    }

    /** The application (or the route of the run) began to stop: the run ends within its shutdown timeout. */
    private void hostStopping(Duration hostTimeout) {
        hostStopsBy = System.nanoTime() + hostTimeout.minus(HostStopping.STOPPING_MARGIN.dividedBy(4)).toNanos();
        hostStopping = true;
        SyncApplication app = application;
        if (app != null && app.run().inProgress()) {
            Duration grace = HostStopping.grace(ownTimeout, hostTimeout);
            LOG.warn("{}: the application is stopping: no new work; the batches in flight get up to {} ms to be acknowledged by Port",
                    name, grace.toMillis());
            app.run().stop(grace);
        }
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.host = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return host;
    }

    /** The settings this instance's parameters make (see {@link EmbeddedParameters#settings(String)}). */
    SyncSettings settings() {
        return settings(name);
    }

    private static void stopQuietly(SimpleMain inner) {
        try {
            if (inner != null) {
                inner.stop();
            }
        } catch (RuntimeException e) {
            LOG.debug("Stopping a context that failed to start: {}", e.getMessage());
        }
    }

    /** The context the shipped routes run in (for monitoring); null while stopped. */
    public org.apache.camel.CamelContext camelContext() {
        SimpleMain m = main;
        return m == null ? null : m.getCamelContext();
    }
}
