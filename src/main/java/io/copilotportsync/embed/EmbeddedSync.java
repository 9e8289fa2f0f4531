package io.copilotportsync.embed;

import io.copilotportsync.config.ClasspathFile;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.sync.SyncApplication;
import io.copilotportsync.sync.SyncSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.SimpleMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync as a bean of an application's route (the Kamelet {@code copilot-port-sync-source} and the route template
 * {@code copilot-port-sync}): its properties are the template's parameters; it runs the routes shipped in the jar in
 * a CamelContext of its own, started by {@link #start()} when the route is created and stopped by {@link #stop()} when
 * it is removed or the application stops (the template's init and destroy methods), and each {@link #sync}
 * is one run whose summary becomes the message body.
 */
public final class EmbeddedSync implements CamelContextAware {
    /** Header of the summary message: true when every kind and scope succeeded. */
    public static final String SUCCEEDED = "CopilotSyncSucceeded";
    /** Header of the message: true when another replica took this tick (cluster mode); no summary then. */
    public static final String SKIPPED = "CopilotSyncSkipped";
    /** Header of the summary message: the summary as a {@link RunSummary}, per kind and scope. */
    public static final String SUMMARY = "CopilotSyncSummary";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSync.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String REPLICA = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Object lifecycle = new Object();
    private final Object runs = new Object();
    private final String name = "copilot-port-sync-" + INSTANCES.incrementAndGet();
    private volatile SyncApplication application;
    private volatile SimpleMain main;
    private volatile ProducerTemplate template;
    /** The application's context (Camel sets it), whose camel-health registry gets the instance's check. */
    private volatile CamelContext host;
    private final LastRunHealthCheck health = new LastRunHealthCheck(name);

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
    public String sync(@Headers Map<String, Object> headers) {
        SyncSummary summary;
        synchronized (runs) {
            start();
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
                summary = application.syncOnce(template);
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
                main.stop();
            } finally {
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

    @Override
    public void setCamelContext(CamelContext context) {
        this.host = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return host;
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

    /** The settings the parameters make, checked as the jar checks its environment. */
    SyncSettings settings() {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putIfAbsent("MAPPING_FILE", ClasspathFile.SHIPPED_MAPPING);
        if (!env.containsKey("DATA_DIR")) {
            throw new ConfigurationException("parameter dataDir is not set: give each instance a directory of its own for"
                    + " its sync state and dead letters");
        }
        SyncSettings settings;
        try {
            settings = SyncSettings.from(env::get, true);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ParameterNames.inMessage(e.getMessage()));
        }
        io.copilotportsync.config.StartupChecks.warnings(settings, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .forEach(warning -> LOG.warn("{}: {}", name, ParameterNames.inMessage(warning)));
        return settings;
    }

    private void set(String variable, String value) {
        if (value == null || value.isBlank()) {
            environment.remove(variable);
        } else {
            environment.put(variable, value.trim());
        }
    }

    /** The application's Quartz fires on it; the bean checks it as the jar checks SYNC_CRON. */
    public void setSchedule(String value) {
        set("SYNC_CRON", value);
    }

    public void setGithubToken(String value) {
        set("GITHUB_TOKEN", value);
    }

    public void setGithubApiUrl(String value) {
        set("GITHUB_API_URL", value);
    }

    public void setGithubOrgs(String value) {
        set("GITHUB_ORGS", value);
    }

    public void setGithubEnterprise(String value) {
        set("GITHUB_ENTERPRISE", value);
    }

    public void setGithubReportHosts(String value) {
        set("GITHUB_REPORT_HOSTS", value);
    }

    public void setPortApiUrl(String value) {
        set("PORT_API_URL", value);
    }

    public void setPortClientId(String value) {
        set("PORT_CLIENT_ID", value);
    }

    public void setPortClientSecret(String value) {
        set("PORT_CLIENT_SECRET", value);
    }

    public void setKinds(String value) {
        set("SYNC_KINDS", value);
    }

    public void setMappingFile(String value) {
        set("MAPPING_FILE", value);
    }

    public void setDataDir(String value) {
        set("DATA_DIR", value);
    }

    public void setStartDay(String value) {
        set("SYNC_START_DAY", value);
    }

    public void setEndDay(String value) {
        set("SYNC_END_DAY", value);
    }

    public void setGithubAppId(String value) {
        set("GITHUB_APP_ID", value);
    }

    public void setGithubAppPrivateKey(String value) {
        set("GITHUB_APP_PRIVATE_KEY", value);
    }

    public void setGithubAppInstallationId(String value) {
        set("GITHUB_APP_INSTALLATION_ID", value);
    }

    public void setHttpsProxy(String value) {
        set("HTTPS_PROXY", value);
    }

    public void setNoProxy(String value) {
        set("NO_PROXY", value);
    }

    public void setCaFile(String value) {
        set("GITHUB_CA_FILE", value);
    }

    public void setGithubApiVersion(String value) {
        set("GITHUB_API_VERSION", value);
    }

    /** The App's .pem file, read when the instance starts, instead of its text in githubAppPrivateKey. */
    public void setGithubAppPrivateKeyFile(String value) {
        set("GITHUB_APP_PRIVATE_KEY_FILE", value);
    }

    public void setPortConcurrency(String value) {
        set("PORT_CONCURRENCY", value);
    }

    /** Cluster mode: the sync state in PostgreSQL, shared by the application's replicas. */
    public void setDatabaseUrl(String value) {
        set("SYNC_DATABASE_URL", value);
    }

    public void setDatabaseUser(String value) {
        set("SYNC_DATABASE_USER", value);
    }

    public void setDatabasePassword(String value) {
        set("SYNC_DATABASE_PASSWORD", value);
    }

    public void setRecordWorkers(String value) {
        set("RECORD_WORKERS", value);
    }

    public void setGithubReportLineLimitMb(String value) {
        set("GITHUB_REPORT_LINE_LIMIT_MB", value);
    }

    public void setRetryMaxWait(String value) {
        set("RETRY_MAX_WAIT", value);
    }

    public void setGithubFailuresBeforeSkip(String value) {
        set("GITHUB_FAILURES_BEFORE_SKIP", value);
    }

    /** Seconds the instance's context gives the batches in flight when it stops (the host's own shutdown waits too). */
    public void setShutdownTimeout(String value) {
        set("SHUTDOWN_TIMEOUT", value);
    }
}
