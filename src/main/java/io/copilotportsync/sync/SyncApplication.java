package io.copilotportsync.sync;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.http.RetryTimings;
import io.copilotportsync.jq.JqDialect;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.port.Blueprints;
import io.copilotportsync.port.UpsertExecutor;
import io.copilotportsync.state.Database;
import io.copilotportsync.state.FileSyncState;
import io.copilotportsync.state.JdbcSyncState;
import io.copilotportsync.state.SyncState;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMain;

/**
 * Wires the Java beans the routes call into camel-main and runs the routes from {@code routes/}: on the Quartz
 * schedule (service) or once; or, embedded, the routes shipped in the jar in a context of their own. The mapping file
 * and blueprints are read here, so a bad one stops start-up.
 */
public final class SyncApplication {
    /** The Camel settings (HTTP timeouts, pools): a name of the jar's own, so that it never shadows an embedding application's application.properties. */
    static final String CAMEL_PROPERTIES = "classpath:copilot-port-sync/application.properties";
    /** The routes as shipped in the jar, for an embedded sync; the jar's commands read routes/ from the working directory. */
    static final String SHIPPED_ROUTES = "classpath:copilot-port-sync/routes/*.yaml";

    private final SyncSettings settings;
    private final Map<String, String> camelProperties;
    private final JqDialect jq;
    private final RetryTimings timings;
    private final SyncState state;
    private final Database database;
    private final UpsertExecutor upserts;
    private final io.micrometer.core.instrument.MeterRegistry meterRegistry = MeterRegistries.create();
    /** Where the sync's meters go: its own registry, and an embedding application's (see {@link #meterAlsoTo}). */
    private final io.micrometer.core.instrument.composite.CompositeMeterRegistry meters;
    private final SyncMetrics metrics;
    /** Report lines and seats are mapped on every core. */
    private final java.util.concurrent.ThreadPoolExecutor records;
    private final Clock clock;
    private final MappingEngine mapping;
    private final Blueprints blueprints;
    private final io.copilotportsync.port.CatalogRelations catalogRelations;
    private final io.copilotportsync.port.Pages pages;
    /** The run that began last: what --once prints and the shutdown hook stops; the routes carry their run themselves. */
    private final CurrentRun run;

    /**
     * @param camelProperties extra Camel properties (tests point {@code camel.main.routes-include-pattern} at a copy)
     */
    public SyncApplication(SyncSettings settings, Map<String, String> camelProperties, Clock clock) {
        this(settings, camelProperties, clock, RetryTimings.DEFAULT.withMaxWait(settings.retry().maxWait()));
    }

    /** @param timings how long GitHub and Port calls wait before they are tried again (tests shorten them) */
    public SyncApplication(SyncSettings settings, Map<String, String> camelProperties, Clock clock, RetryTimings timings) {
        this(settings, camelProperties, clock, timings, null);
    }

    /** An instance embedded in an application: its meters carry the tag {@code instance} with its name. */
    public static SyncApplication instance(SyncSettings settings, Clock clock, String name) {
        return new SyncApplication(settings, Map.of(), clock, RetryTimings.DEFAULT.withMaxWait(settings.retry().maxWait()), name);
    }

    private SyncApplication(SyncSettings settings, Map<String, String> camelProperties, Clock clock, RetryTimings timings,
                            String instance) {
        this.meters = MeterRegistries.over(meterRegistry, instance);
        this.metrics = new SyncMetrics(meters);
        this.settings = settings;
        this.timings = timings;
        this.clock = clock;
        this.camelProperties = Map.copyOf(camelProperties);
        this.jq = new JqDialect(settings.mappingJqEnv(), System.getenv());
        this.mapping = MappingEngine.load(settings.mappingFile(), jq);
        mapping.kinds().forEach(kind -> SourceKind.of(kind, settings.mappingFile()));
        for (String kind : settings.syncKinds()) {
            if (!mapping.kinds().contains(kind)) {
                throw new io.copilotportsync.config.ConfigurationException("SYNC_KINDS names '" + kind + "', which "
                        + settings.mappingFile() + " has no resource of: use kinds of the mapping file " + mapping.kinds());
            }
        }
        EnterpriseCredentials.require(settings, settings.syncKinds().isEmpty() ? mapping.kinds() : settings.syncKinds());
        this.blueprints = Blueprints.read(settings.mappingFile().toAbsolutePath().getParent().resolve("blueprints"));
        this.catalogRelations = new io.copilotportsync.port.CatalogRelations(blueprints, mapping.definition());
        mapping.keepRelationsWhere(catalogRelations::keeps);
        this.pages = io.copilotportsync.port.Pages.read(settings.mappingFile().toAbsolutePath().getParent().resolve("pages"),
                mapping.definition().createPages());
        this.database = settings.clustered() ? new Database(settings) : null;
        this.state = database != null ? new JdbcSyncState(database.dataSource()) : new FileSyncState(settings.dataDir());
        this.upserts = new UpsertExecutor(settings.portConcurrency());
        int workers = settings.recordWorkers();
        this.records = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(workers * 64), r -> {
                    Thread t = new Thread(r, "record-worker");
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
        this.run = new CurrentRun(SyncWindow.of(settings.startDay(), settings.endDay(), clock));
    }

    /** The run that began last (its summary, its progress interval; see docs/ARCHITECTURE.md). */
    public CurrentRun run() {
        return run;
    }

    /** The beans the routes call, by the names they use; an application that embeds the routes binds these. */
    public Map<String, Object> beans() {
        Map<String, Object> beans = new java.util.LinkedHashMap<>();
        Acknowledgements acknowledgements = RunBeans.put(beans, settings, mapping, state, clock, run, metrics);
        // HTTPS_PROXY, NO_PROXY and GITHUB_CA_FILE for every client: camel-http's https component and the JDK's
        io.copilotportsync.http.Network network = new io.copilotportsync.http.Network(settings.network());
        network.logSetup();
        beans.put("networkHttps", network.camelHttps());
        // our retry policy alone decides when a call goes again, and how long it may wait
        beans.put("httpClientRetriesOff", new io.copilotportsync.http.ClientRetriesOff());
        GitHubBeans.put(beans, settings, timings, clock, metrics, network);
        PortBeans.put(beans, settings, timings, metrics, network, acknowledgements);
        beans.put("callFailure", new io.copilotportsync.http.CallFailure());
        // camel-micrometer-prometheus serves the registry it finds by this name on /observe/metrics: ours, with the sync's figures
        beans.put("metricsRegistry", meterRegistry);
        beans.put("portUpserts", upserts);
        beans.put("recordWorkers", records);
        beans.put("blueprints", blueprints);
        beans.put("catalogRelations", catalogRelations);
        beans.put("pages", pages);
        beans.put("joins", new Joins());
        beans.put("deadLetterReplay", new DeadLetterReplay(settings.mappingFile()));
        beans.put("billingRefusal", new BillingRefusal(settings.usesGitHubApp()));
        beans.put("entityBlueprint", io.copilotportsync.port.EntityGroups.BLUEPRINT);
        beans.put("entityGroups", new io.copilotportsync.port.EntityGroups());
        // camel-jq takes a Scope bean as its root: the jq in routes is the mappings' jq
        beans.put("jqScope", jq.rootScope());
        return beans;
    }

    /**
     * camel-main for the jar, or camel-main's configuration of an embedded sync's own context: the same Camel
     * settings, placeholders and beans either way; only where the routes come from differs.
     */
    private <M extends BaseMainSupport> M configured(M main, boolean scheduled, boolean ownQuartz, BiConsumer<String, Object> bind) {
        main.setPropertyPlaceholderLocations(CAMEL_PROPERTIES);
        settings.routeProperties().forEach(main::addOverrideProperty);
        main.addOverrideProperty("sync.schedule-enabled", Boolean.toString(scheduled));
        if (scheduled) {
            io.copilotportsync.config.OptionalLibraries.require("the service's /observe/health and /observe/metrics (MANAGEMENT_PORT)",
                    io.copilotportsync.config.OptionalLibraries.SERVICE);
            // the service answers /observe/health and /observe/metrics (Prometheus) on MANAGEMENT_PORT
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.port", Integer.toString(settings.managementPort()));
            main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
            main.addOverrideProperty("camel.management.metricsEnabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
        }
        if (settings.clustered() && ownQuartz) {
            Database.quartzProperties(settings).forEach(main::addOverrideProperty);
        }
        camelProperties.forEach(main::addOverrideProperty);
        beans().forEach(bind);
        return main;
    }

    private Main main(boolean scheduled) {
        Main main = new Main();
        return configured(main, scheduled, true, main::bind);
    }

    /**
     * The sync in a CamelContext of its own, not yet started, for an application that embeds it: the routes shipped
     * in the jar without their schedule (the application's route triggers each run), and nothing taken from the
     * application's environment, system properties or application.properties, so instances with different
     * credentials, and the application itself, keep apart.
     */
    public SimpleMain embedded(String name) {
        DefaultCamelContext context = new DefaultCamelContext();
        SimpleMain main = new SimpleMain(context);
        main.addOverrideProperty("camel.main.name", name);
        main.addOverrideProperty("camel.main.routes-include-pattern", SHIPPED_ROUTES);
        main.addOverrideProperty("camel.main.routes-exclude-pattern", "**/schedule.camel.yaml");
        main.addOverrideProperty("camel.main.auto-configuration-environment-variables-enabled", "false");
        main.addOverrideProperty("camel.main.auto-configuration-system-properties-enabled", "false");
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        // the application's route receives each summary; the log keeps one line per run
        run.logSummary(false);
        // the application's Quartz fires each run: a clustered job store in this context would have no job to share
        return configured(main, false, false, context.getRegistry()::bind);
    }

    /** Syncs every kind once, prints the summary, and answers 0 when every kind succeeded, else 1. */
    public int runOnce(PrintStream out) throws Exception {
        long started = System.nanoTime();
        Main main = main(false);
        run.logSummary(false);
        main.start();
        Thread shutdown = ShutdownReport.install(run, java.time.Duration.ofSeconds(settings.shutdownTimeoutSeconds()));
        try {
            syncOnce(main.getCamelContext().createProducerTemplate());
        } finally {
            ShutdownReport.remove(shutdown);
            main.stop();
            close();
        }
        // the summary quotes what GitHub and Port answered, which may echo a credential
        out.print(SecretRedactor.redact(run.summary().render()));
        out.println(RunCost.since(started));
        out.flush();
        return run.summary().succeeded() ? 0 : 1;
    }

    /**
     * replay-dead-letters: the letters of the file (or of every file under DATA_DIR/dead-letter/) go through the
     * routes again; those replayed are then removed, and what failed or was dropped again is dead-lettered anew.
     * Answers 0 when nothing failed.
     */
    public int replayDeadLetters(java.nio.file.Path file, PrintStream out) throws Exception {
        java.util.List<DeadLetterReplay.Letter> letters = DeadLetterReplay.read(settings.dataDir(), file);
        Main main = main(false);
        run.logSummary(false);
        main.start();
        try {
            main.getCamelContext().createProducerTemplate().requestBody("direct:replay-dead-letters", letters);
        } catch (CamelExecutionException e) {
            run.summary().runFailed(SecretRedactor.redact(RunFailure.message(e)));
        } finally {
            main.stop();
            close();
        }
        DeadLetterReplay.remove(letters, run.summary());
        out.print(run.summary().render());
        out.println("Replayed " + letters.size() + " dead letters" + (run.summary().runErrors().isEmpty()
                ? "; they are removed, and what failed or was dropped again is dead-lettered anew"
                : "; the run failed, so they are kept as they were"));
        out.flush();
        return run.summary().succeeded() ? 0 : 1;
    }

    /** One run of the started routes; a failure of the run itself (Port refused the credentials, say) is in the summary. */
    public SyncSummary syncOnce(ProducerTemplate template) {
        try {
            template.requestBody("direct:sync-run", (Object) null);
        } catch (CamelExecutionException e) {
            run.summary().runFailed(SecretRedactor.redact(RunFailure.message(e)));
        }
        return run.summary();
    }

    /**
     * A tick of the application's schedule that is this replica's to run, or null: in cluster mode the first replica
     * to claim it in the database ({@link Database#claimTick}), one run at a time; with embedded state always.
     * Closed after the run.
     */
    public Database.Claim claimTick(java.time.Instant tick, String replica) {
        return database == null ? () -> { } : database.claimTick(tick, replica);
    }

    /**
     * The sync's meters in an embedding application's registry as well (those registered already included), tagged
     * {@code instance} for an {@link #instance}, so that two instances in one application are two series.
     */
    public void meterAlsoTo(io.micrometer.core.instrument.MeterRegistry host) {
        meters.add(host);
    }

    /** Lets go of the threads, the state, the database connections and the meters in an embedding application's registry. */
    public void close() {
        MeterRegistries.detach(meters, meterRegistry);
        upserts.shutdown();
        records.shutdown();
        state.close();
        if (database != null) {
            database.close();
        }
    }

    /** Runs the Quartz schedule until the process is stopped. */
    public void serve() throws Exception {
        Thread shutdown = ShutdownReport.install(run, java.time.Duration.ofSeconds(settings.shutdownTimeoutSeconds()));
        try {
            scheduled().run();
        } finally {
            ShutdownReport.remove(shutdown);
            upserts.shutdown();
            records.shutdown();
            state.close();
        }
    }

    /** The camel-main of the service, not yet started: {@link Main#run()} blocks, {@code start()}/{@code stop()} do not. */
    public Main scheduled() {
        return main(true);
    }
}
