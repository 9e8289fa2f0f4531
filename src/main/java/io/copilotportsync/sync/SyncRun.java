package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.http.AnswerMessage;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingOutcome;
import io.copilotportsync.mapping.PortEntity;
import io.copilotportsync.port.DeleteRequest;
import io.copilotportsync.state.ContentHash;
import io.copilotportsync.state.DayLedger;
import io.copilotportsync.state.DayPlanner;
import io.copilotportsync.state.SyncState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of the run in progress, as the routes see it: which report days to ask for, what each raw record
 * maps to, and the counting of everything that happens to them until Port acknowledges the last entity.
 */
public final class SyncRun {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String KIND = "kind";
    public static final String SCOPE = "scope";
    public static final String DAY = "day";
    public static final String SOURCE = "source";
    /** The first days GitHub's usage reports exist for. */
    static final LocalDate ENTERPRISE_REPORTS_SINCE = LocalDate.of(2025, 10, 10);
    static final LocalDate ORGANIZATION_REPORTS_SINCE = LocalDate.of(2025, 12, 12);

    private final SyncSettings settings;
    private final MappingEngine mapping;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Object pendingLock = new Object();
    private long pending;
    private volatile SyncSummary summary;
    private volatile SyncWindow window;
    private volatile boolean logSummary = true;
    private final SyncState state;
    private volatile DayLedger ledger;
    private volatile SyncMetrics metrics;
    private final io.copilotportsync.mapping.MappingFields mappingFields;
    private volatile FieldDrift drift;
    /** A file under DATA_DIR could not be written in this run: the run stops, and nothing more is recorded. */
    private volatile io.copilotportsync.state.LocalWriteException localFault;
    /** The process is stopping: no new work; the batches in flight may still be acknowledged. */
    private volatile boolean stopping;
    /** Between begin() and finish(): what a stop in the middle leaves undone can be told. */
    private volatile boolean inProgress;
    private volatile long startedNanos;
    private final java.util.concurrent.atomic.AtomicInteger daysDone = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger snapshotsDone = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int daysTotal;
    private volatile int snapshotsTotal;
    private volatile long lastProgressNanos;
    /** Progress is logged at most this often. */
    private volatile long progressEveryNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** Snapshot kinds (seats, billing, legacy): what each (kind, scope) produced this run, for deletions. */
    private final Map<String, Set<String>> produced = new ConcurrentHashMap<>();
    private final List<Scope> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SyncRun(SyncSettings settings, MappingEngine mapping, DeadLetters deadLetters, Clock clock, SyncState state) {
        this.settings = settings;
        this.state = state;
        this.mapping = mapping;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.window = SyncWindow.of(settings.startDay(), settings.endDay(), clock);
        this.summary = new SyncSummary(window.toString());
        this.mappingFields = io.copilotportsync.mapping.MappingFields.of(mapping.definition());
        this.drift = newDrift();
    }

    private FieldDrift newDrift() {
        return new FieldDrift(mappingFields, mapping.kinds().stream().filter(k -> SourceKind.names().contains(k)
                && SourceKind.of(k, settings.mappingFile()).family() == SourceKind.Family.TEAM_REPORT).collect(java.util.stream.Collectors.toSet()));
    }

    /** Where finished runs report their figures (/observe/metrics). */
    public void metrics(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    public void begin() {
        startedNanos = System.nanoTime();
        window = SyncWindow.of(settings.startDay(), settings.endDay(), clock);
        summary = new SyncSummary(window.toString());
        synchronized (pendingLock) {
            pending = 0;
        }
        state.refresh();
        scopes.clear();
        produced.clear();
        drift = newDrift();
        localFault = null;
        stopping = false;
        inProgress = true;
        ledger = new DayLedger(state, DayPlanner.lastFinalDay(LocalDate.now(clock)));
        settings.githubOrgs().forEach(org -> scopes.add(new Scope(Scope.Type.ORGANIZATION, org,
                JSON.createObjectNode().put("login", org))));
        if (!settings.githubEnterprise().isEmpty()) {
            scopes.add(new Scope(Scope.Type.ENTERPRISE, settings.githubEnterprise(),
                    JSON.createObjectNode().put("slug", settings.githubEnterprise())));
        }
        LOG.info("Sync run started: kinds {}, days {}", kinds(), window);
    }

    public SyncSummary summary() {
        return summary;
    }

    /** With GITHUB_ORGS empty, the organizations come from /user/orgs (see routes/sync-run.camel.yaml). */
    public boolean discoversOrganizations() {
        return settings.githubOrgs().isEmpty();
    }

    /** One organization object of /user/orgs: it becomes a scope, and its full object the __organization context. */
    public void discovered(Exchange exchange) {
        JsonNode org = exchange.getMessage().getBody(JsonNode.class);
        String login = org.path("login").asText("");
        if (login.isEmpty()) {
            LOG.warn("/user/orgs listed an organization without a login; skipped: {}", org);
            return;
        }
        scopes.add(new Scope(Scope.Type.ORGANIZATION, login, org));
    }

    /** The kinds a run syncs: those of the mapping file, in its order, or of them only SYNC_KINDS when it is set. */
    public List<String> kinds() {
        return mapping.kinds().stream().filter(k -> settings.syncKinds().isEmpty() || settings.syncKinds().contains(k)).toList();
    }

    /** Every job of the run: kinds in mapping-file order, each for the scopes it reads, daily kinds day by day. */
    public List<SyncJob> jobs() {
        List<SyncJob> jobs = new ArrayList<>();
        LOG.info("Scopes: {}", scopes.stream().map(Scope::label).toList());
        for (String kind : kinds()) {
            SourceKind source = SourceKind.of(kind, settings.mappingFile());
            List<Scope> read = scopes.stream().filter(s -> source.reads(s.type())).toList();
            if (read.isEmpty()) {
                LOG.info("Kind '{}' reads {} scopes and none is configured; skipped", kind,
                        source.reads(Scope.Type.ENTERPRISE) ? "enterprise (GITHUB_ENTERPRISE)" : "organization");
            }
            for (Scope scope : read) {
                if (source.family().daily()) {
                    LocalDate earliest = scope.type() == Scope.Type.ENTERPRISE ? ENTERPRISE_REPORTS_SINCE : ORGANIZATION_REPORTS_SINCE;
                    // --resync: as if nothing were known of these days
                    java.util.TreeSet<LocalDate> days = DayPlanner.plan(settings.resync() ? Map.of() : state.days(kind, scope.label()), settings.startDay(),
                            settings.endDay(), LocalDate.now(clock), earliest);
                    if (source.latestReport() != null) {
                        java.util.TreeSet<LocalDate> latest = DayPlanner.fromLatestReport(days, LocalDate.now(clock));
                        if (!latest.isEmpty()) {
                            jobs.add(new SyncJob(kind, SourceKind.Family.LATEST_REPORT.route(), scope, null, source.latestReport(),
                                    java.util.Collections.unmodifiableSortedSet(latest)));
                            days.removeAll(latest);
                        }
                    }
                    for (LocalDate day : days) {
                        jobs.add(new SyncJob(kind, source.family().route(), scope, day, source.report()));
                    }
                } else {
                    jobs.add(new SyncJob(kind, source.family().route(), scope, null, null));
                }
            }
        }
        daysTotal = jobs.stream().mapToInt(SyncRun::reportDays).sum();
        snapshotsTotal = (int) jobs.stream().filter(j -> reportDays(j) == 0).count();
        daysDone.set(0);
        snapshotsDone.set(0);
        lastProgressNanos = System.nanoTime();
        long days = jobs.stream().filter(j -> j.day() != null).count();
        long latest = jobs.stream().filter(SyncJob::latest).count();
        LOG.info("{} jobs to run: {} report days, {} 28-day reports and {} snapshots", jobs.size(), days, latest,
                jobs.size() - days - latest);
        return jobs;
    }

    /**
     * The jobs of the run in two lanes that run side by side: the report days (one team day's membership in memory
     * at a time) and the snapshots; each lane keeps the mapping file's order.
     */
    public List<List<SyncJob>> lanes() {
        List<SyncJob> all = jobs();
        List<SyncJob> days = all.stream().filter(j -> SourceKind.of(j.kind(), settings.mappingFile()).family().daily()).toList();
        List<SyncJob> snapshots = all.stream().filter(j -> !SourceKind.of(j.kind(), settings.mappingFile()).family().daily()).toList();
        return List.of(days, snapshots);
    }

    /** How often progress is logged at most (5 s unless a test says otherwise). */
    public void progressEvery(Duration interval) {
        this.progressEveryNanos = interval.toNanos();
    }

    /** The report days a job reads: one, the days of a 28-day report, or none (a snapshot). */
    private static int reportDays(SyncJob job) {
        return job.latest() ? job.days().size() : job.day() != null ? 1 : 0;
    }

    /** A job is over: every few seconds, the report days and snapshots done and about how long the run has to go. */
    public void jobDone(Exchange exchange) {
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        int days = job == null ? 0 : reportDays(job);
        int daysSoFar = days > 0 ? daysDone.addAndGet(days) : daysDone.get();
        int snapshotsSoFar = days == 0 ? snapshotsDone.incrementAndGet() : snapshotsDone.get();
        int done = daysSoFar + snapshotsSoFar;
        int total = daysTotal + snapshotsTotal;
        long now = System.nanoTime();
        if (now - lastProgressNanos < progressEveryNanos || done >= total) {
            return;
        }
        lastProgressNanos = now;
        long left = Math.round((now - startedNanos) / 1e9 / done * (total - done));
        LOG.info("Progress: {} of {} report days and {} of {} snapshots done ({}%), at {} {}{}; about {} left", daysSoFar, daysTotal,
                snapshotsSoFar, snapshotsTotal, done * 100 / Math.max(1, total),
                job == null ? "" : job.kind(), job == null ? "" : job.scope().label(), job == null || job.day() == null ? "" : " " + job.day(),
                left >= 120 ? (left / 60) + " min" : left + " s");
    }

    /** Sets the exchange properties every job route reads: kind, scope, scopePath, contextKey, context, day, report. */
    public void startJob(Exchange exchange) {
        stopIfFaulted();
        SyncJob job = exchange.getMessage().getBody(SyncJob.class);
        LOG.debug("Job {} {} {}", job.kind(), job.scope().label(), job.day() == null ? "" : job.day());
        exchange.setProperty("job", job);
        exchange.setProperty(KIND, job.kind());
        exchange.setProperty(SCOPE, job.scope().label());
        exchange.setProperty("scopeType", job.scope().type().name().toLowerCase());
        exchange.setProperty("scopePath", job.scope().apiPath());
        exchange.setProperty("contextKey", job.scope().contextKey());
        // normalized once, so that mapping, which normalizes each record in place, only reads this shared tree
        exchange.setProperty("context", io.copilotportsync.jq.JqJson.normalize(job.scope().context()));
        exchange.setProperty(DAY, job.day() == null ? null : job.day().toString());
        exchange.setProperty("report", job.report());
        exchange.setProperty("since", window.start() + "T00:00:00Z");
        exchange.setProperty("until", window.end() + "T23:59:59Z");
    }

    /** A 28-day report job begins: the days its records turn out to hold are collected as they are read. */
    public void latestBegin(Exchange exchange) {
        exchange.setProperty("daysWithRecords", ConcurrentHashMap.<String>newKeySet());
    }

    /**
     * Whether a report record belongs to this job (exchange property "claimed"). A 28-day report holds days this
     * job does not read (final already, or outside SYNC_START_DAY..SYNC_END_DAY): those records are passed over. A
     * record it reads takes its own day, so that each day is recorded done on its own.
     */
    public void claim(Exchange exchange) {
        exchange.setProperty("claimed", claims(exchange));
    }

    private boolean claims(Exchange exchange) {
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        if (job == null || !job.latest()) {
            return true;
        }
        String day = exchange.getMessage().getBody(JsonNode.class).path("day").asText("");
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("a record of the " + job.report() + " report has no valid day: '" + day + "'");
        }
        if (!job.days().contains(date)) {
            return false;
        }
        exchange.setProperty(DAY, day);
        @SuppressWarnings("unchecked")
        Set<String> withRecords = exchange.getProperty("daysWithRecords", Set.class);
        withRecords.add(day);
        return true;
    }

    /**
     * The 28-day report's manifest answered (the body, when 200) and its files were read: the days it holds are
     * read (or without data); the days it does not hold are returned as daily jobs. When GitHub does not serve
     * the 28-day report (any answer but 200), every day is read from its daily report.
     */
    public List<SyncJob> latestRead(Exchange exchange) {
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        int status = exchange.getProperty("status", 0, Integer.class);
        java.util.SortedSet<LocalDate> held = new java.util.TreeSet<>();
        if (status == 200) {
            JsonNode manifest = exchange.getMessage().getBody(JsonNode.class);
            LocalDate start = LocalDate.parse(manifest.path("report_start_day").asText());
            LocalDate end = LocalDate.parse(manifest.path("report_end_day").asText());
            held.addAll(job.days().subSet(start, end.plusDays(1)));
        } else {
            LOG.info("{} {}: the {} report answered {}; reading {} days from the daily reports", job.kind(), job.scope().label(),
                    job.report(), status, job.days().size());
        }
        @SuppressWarnings("unchecked")
        Set<String> withRecords = exchange.getProperty("daysWithRecords", Set.class);
        for (LocalDate day : held) {
            summary.dayDone(job.kind(), job.scope().label());
            if (withRecords.contains(day.toString())) {
                ledger.read(job.kind(), job.scope().label(), day.toString());
            } else {
                summary.dayWithoutData(job.kind(), job.scope().label());
                ledger.noData(job.kind(), job.scope().label(), day.toString());
            }
        }
        SourceKind source = SourceKind.of(job.kind(), settings.mappingFile());
        return job.days().stream().filter(d -> !held.contains(d))
                .map(d -> new SyncJob(job.kind(), source.family().route(), job.scope(), d, source.report())).toList();
    }

    public void noData(Exchange exchange) {
        summary.dayDone(kind(exchange), scope(exchange));
        summary.dayWithoutData(kind(exchange), scope(exchange));
        ledger.noData(kind(exchange), scope(exchange), day(exchange));
    }

    public void dayRead(Exchange exchange) {
        summary.dayDone(kind(exchange), scope(exchange));
        ledger.read(kind(exchange), scope(exchange), day(exchange));
    }

    /**
     * GitHub answered a call with something other than 200 or 204. For the legacy kinds a 404 (GitHub closed those
     * endpoints) or a 422 (metrics policy off) is a warning and the run goes on; anything else fails the call.
     */
    public void githubRefused(Exchange exchange) {
        int status = exchange.getProperty("status", 0, Integer.class);
        String kind = kind(exchange);
        String body = exchange.getMessage().getBody(String.class);
        String what = exchange.getProperty("reportName") != null ? "the " + exchange.getProperty("reportName") + " report"
                : String.valueOf(exchange.getProperty("requestPath"));
        String reason = "GitHub answered " + status + " for " + what + AnswerMessage.of(body)
                + hint(status, settings.usesGitHubApp() && !"enterprise".equals(exchange.getProperty("scopeType")));
        if (kind == null) {
            throw new IllegalStateException(reason);
        }
        SourceKind source = SourceKind.of(kind, settings.mappingFile());
        if (source.legacy() && (status == 404 || status == 422)) {
            String warning = status == 404
                    ? "GitHub closed the legacy Copilot metrics API on 2026-04-02 (404); use kind '" + source.replacement() + "' instead"
                    : "the Copilot Metrics API access policy is disabled (422); an owner enables it in the "
                    + (source.reads(Scope.Type.ENTERPRISE) ? "enterprise" : "organization") + " settings under Copilot > Policies";
            if (summary.warning(kind, scope(exchange), warning)) {
                LOG.warn("{} {}: {}", kind, scope(exchange), warning);
            }
            return;
        }
        LOG.warn("{} {} {}: {}", kind, scope(exchange), day(exchange) == null ? "" : day(exchange), reason);
        summary.dayFailed(kind, scope(exchange), day(exchange), reason);
        if (day(exchange) != null) {
            ledger.failed(kind, scope(exchange), day(exchange));
        }
    }

    /** A report day could not be read to the end (the routes' error handler calls this). */
    public void dayFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (stoppedBy(e)) {
            return; // the run is stopping: the day is simply not recorded, and is read next run
        }
        String reason = SecretRedactor.redact(e == null ? "unknown error" : e.getMessage());
        LOG.warn("{} {} {} failed: {}", kind(exchange), scope(exchange), day(exchange), reason);
        summary.dayFailed(kind(exchange), scope(exchange), day(exchange), reason);
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        if (day(exchange) == null && job != null && job.latest()) {
            // a 28-day report that broke off: each of its days is asked again next run (days recorded already stay)
            job.days().forEach(day -> ledger.failed(job.kind(), job.scope().label(), day.toString()));
        } else if (day(exchange) != null) {
            ledger.failed(kind(exchange), scope(exchange), day(exchange));
        }
    }

    /**
     * A line of a report file that is not JSON, or cannot be shaped: kept as a dead letter with its place in the
     * file, and its day is not final (a fixed cause, or GitHub's corrected file, is read next run).
     */
    public void malformedLine(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        rethrowLocalFault(e);
        Object body = exchange.getMessage().getBody();
        String line = body instanceof JsonNode node ? node.toString() : String.valueOf(body);
        long lineNumber = io.copilotportsync.github.ReportDownload.lineNumber(exchange);
        String source = exchange.getProperty(SOURCE, String.class) + " line " + lineNumber;
        String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "malformed NDJSON line"
                : "line could not be shaped: " + rootMessage(e);
        failRecord(exchange, source, reason, TextNode.valueOf(line));
    }

    /** A record the routes could not shape or map (a route's jq failed on it): dead-lettered, the others go on. */
    public void recordFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        rethrowLocalFault(e);
        String reason = "record could not be mapped: " + SecretRedactor.redact(e == null ? "unknown error" : rootMessage(e));
        Object body = exchange.getMessage().getBody();
        JsonNode payload = body instanceof JsonNode node ? node : TextNode.valueOf(String.valueOf(body));
        String source = exchange.getProperty(SOURCE) != null ? exchange.getProperty(SOURCE, String.class)
                : String.valueOf(exchange.getProperty("requestPath"));
        failRecord(exchange, source, reason, payload);
    }

    /**
     * A record that could not be delivered: a dead letter, a failure in the summary, and its day (every day of a
     * 28-day report when the record's own day is unknown; the snapshot for seats and billing) not final.
     */
    private void failRecord(Exchange exchange, String source, String reason, JsonNode payload) {
        String kind = kind(exchange);
        String scope = scope(exchange);
        String day = day(exchange);
        writeDeadLetter(kind, scope, day, DeadLetters.Outcome.FAILED, source, reason, payload);
        summary.failed(kind, scope, reason + " (dead-lettered; read again next run)");
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        if (day == null && job != null && job.latest()) {
            job.days().forEach(d -> ledger.recordFailed(kind, scope, d.toString()));
            summary.failedDay(kind, scope, null);
        } else {
            summary.failedDay(kind, scope, day);
            if (day != null) {
                ledger.recordFailed(kind, scope, day);
            }
        }
    }

    private void writeDeadLetter(String kind, String scope, String day, DeadLetters.Outcome outcome, String source, String reason,
                                 JsonNode payload) {
        try {
            deadLetters.write(kind, scope, day, outcome, source, reason, payload);
        } catch (io.copilotportsync.state.LocalWriteException e) {
            throw stopFor(e);
        }
    }

    /**
     * A file under DATA_DIR could not be written: the run stops within seconds (no job starts, no record is mapped,
     * no one waits for Port), with one line that names the file and the cause. Said once, whichever thread sees it.
     */
    private io.copilotportsync.state.LocalWriteException stopFor(io.copilotportsync.state.LocalWriteException e) {
        synchronized (pendingLock) {
            if (localFault == null) {
                localFault = e;
                String message = e.getMessage() + "; the run stopped, and what it had not recorded is read again next run";
                LOG.error(message);
                summary.runFailed(message);
            }
            pendingLock.notifyAll();
        }
        return localFault;
    }

    private void stopIfFaulted() {
        if (localFault != null) {
            throw localFault;
        }
        if (stopping) {
            throw new RunStoppedException();
        }
    }

    /**
     * The process is stopping: no job starts and no record is mapped from now on; what was mapped may still be
     * acknowledged by Port (the caller waits up to the shutdown timeout, then asks {@link #unfinished}).
     */
    public void stop() {
        stopping = true;
    }

    /** Whether a run is between its start and its end. */
    public boolean inProgress() {
        return inProgress;
    }

    /**
     * What a run stopped in the middle leaves for the next one, in one line; null when no run is in progress.
     * Nothing of it was recorded final: the next run reads it again.
     */
    public String unfinished() {
        if (!inProgress) {
            return null;
        }
        long entities;
        synchronized (pendingLock) {
            entities = pending;
        }
        java.util.List<String> open = ledger.open();
        int daysLeft = Math.max(open.size(), daysTotal - daysDone.get());
        return "Stopped before the run ended: " + entities + " entities not acknowledged by Port, " + daysLeft + " of " + daysTotal
                + " report days and " + (snapshotsTotal - snapshotsDone.get()) + " of " + snapshotsTotal + " snapshots not done"
                + (open.isEmpty() ? "" : " (begun: " + String.join(", ", open.subList(0, Math.min(5, open.size())))
                + (open.size() > 5 ? ", ..." : "") + ")")
                + "; none of it is recorded final, and the next run reads it again";
    }

    /** Whether the exception is (or carries) a local write fault, which then stops the run, or the run is stopping. */
    private boolean stoppedBy(Throwable e) {
        io.copilotportsync.state.LocalWriteException fault = io.copilotportsync.state.LocalWriteException.in(e);
        if (fault != null) {
            stopFor(fault);
        }
        return fault != null || localFault != null || stopping;
    }

    /**
     * A record handler must not take a local write fault, or the process stopping, for a bad record: it goes on
     * up, and ends the job without recording its day.
     */
    private void rethrowLocalFault(Throwable e) {
        io.copilotportsync.state.LocalWriteException fault = io.copilotportsync.state.LocalWriteException.in(e);
        if (fault != null) {
            throw stopFor(fault);
        }
        if (stopping) {
            throw new RunStoppedException();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * The enrichment step: the record gets its scope's object (exchange properties contextKey and context, such as
     * {@code __organization}) as a field, as Port's own integration gives it to mappings; as jq's
     * {@code . + {__organization: ...}} does, a null record becomes the context alone and any other non-object fails.
     * The record is this exchange's own, so it is extended in place; the context is shared and never changed.
     */
    public void withContext(Exchange exchange) {
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        if (record == null || record.isNull()) {
            record = JSON.createObjectNode();
            exchange.getMessage().setBody(record);
        }
        if (!(record instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new IllegalArgumentException("a record must be a JSON object to take its scope's context, not " + record.getNodeType());
        }
        object.set(exchange.getProperty("contextKey", String.class), exchange.getProperty("context", JsonNode.class));
    }

    /**
     * Maps one raw record: the body becomes its one entity (most records), or a list of entities (none or several).
     * Entities whose content Port already acknowledged are not sent again; the others are pending until Port
     * acknowledges them.
     */
    public Object map(Exchange exchange) {
        String kind = kind(exchange);
        String scope = scope(exchange);
        String day = day(exchange);
        JsonNode item = exchange.getMessage().getBody(JsonNode.class);
        stopIfFaulted();
        summary.recordRead(kind, scope);
        drift.observe(kind, item);
        MappingOutcome outcome = mapping.mapOwned(kind, item);
        String source = exchange.getProperty(SOURCE) != null ? exchange.getProperty(SOURCE, String.class)
                : String.valueOf(exchange.getProperty("requestPath"));
        for (String reason : outcome.dropped()) {
            // on purpose (an empty identifier): the day stays final; kept so that a changed mapping can replay it
            summary.dropped(kind, scope, reason);
            writeDeadLetter(kind, scope, day, DeadLetters.Outcome.DROPPED, source, reason, item);
        }
        for (String reason : outcome.refused()) {
            failRecord(exchange, source, reason, item);
        }
        List<MappedEntity> entities = new ArrayList<>(outcome.entities().size());
        for (PortEntity e : outcome.entities()) {
            byte[] body = entityBytes(e);
            String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            String hash = ContentHash.of(e.blueprint(), body);
            if (day == null) {
                produced.computeIfAbsent(kind + "\t" + scope, k -> ConcurrentHashMap.newKeySet()).add(e.blueprint() + "\t" + e.identifier());
            }
            if (!settings.resync() && hash.equals(state.hash(e.blueprint(), e.identifier()))) {
                summary.unchanged(kind, scope);
                continue;
            }
            entities.add(new MappedEntity(kind, scope, day, e, json, body.length, hash));
        }
        ledger.mapped(kind, scope, day, entities.size());
        synchronized (pendingLock) {
            pending += entities.size();
        }
        return entities.size() == 1 ? entities.get(0) : entities;
    }

    /**
     * replay-dead-letters: an entity Port refused (the body, as it was sent; its blueprint in property "blueprint")
     * goes to Port again as it is, pending like a mapped one.
     */
    public MappedEntity resend(Exchange exchange) {
        stopIfFaulted();
        JsonNode payload = exchange.getMessage().getBody(JsonNode.class);
        if (!(payload instanceof com.fasterxml.jackson.databind.node.ObjectNode body)) {
            throw new IllegalArgumentException("the dead letter's entity is not a JSON object");
        }
        String blueprint = exchange.getProperty("blueprint", String.class);
        PortEntity entity = new PortEntity(blueprint, body.path("identifier").asText(), body);
        byte[] bytes = entityBytes(entity);
        MappedEntity mapped = new MappedEntity(kind(exchange), scope(exchange), day(exchange), entity,
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8), bytes.length, ContentHash.of(blueprint, bytes));
        summary.recordRead(mapped.kind(), mapped.scope());
        ledger.mapped(mapped.kind(), mapped.scope(), mapped.day(), 1);
        synchronized (pendingLock) {
            pending++;
        }
        return mapped;
    }

    /** The entity's JSON, written by the mapper's serializer: JsonNode.toString's walk costs twice as much. */
    private static byte[] entityBytes(PortEntity entity) {
        try {
            return JSON.writeValueAsBytes(entity.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("entity " + entity.identifier() + " cannot be written as JSON", e);
        }
    }

    public void acknowledged(List<MappedEntity> entities) {
        try {
            for (MappedEntity e : entities) {
                summary.upserted(e.kind(), e.scope(), 1);
                if (localFault == null) {
                    state.recordHash(e.blueprint(), e.entity().identifier(), e.hash());
                    ledger.acknowledged(e.kind(), e.scope(), e.day());
                }
            }
        } catch (io.copilotportsync.state.LocalWriteException e) {
            stopFor(e);
        } finally {
            settle(entities.size());
        }
    }

    public void rejected(MappedEntity entity, String reason) {
        try {
            summary.failed(entity.kind(), entity.scope(), reason);
            summary.failedDay(entity.kind(), entity.scope(), entity.day());
            if (localFault == null) {
                ledger.rejected(entity.kind(), entity.scope(), entity.day());
                writeDeadLetter(entity.kind(), entity.scope(), entity.day(), DeadLetters.Outcome.FAILED,
                        "port bulk upsert to " + entity.blueprint(), reason, entity.entity().body());
            }
        } catch (io.copilotportsync.state.LocalWriteException e) {
            stopFor(e);
        } finally {
            settle(1);
        }
    }

    public void runFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (stoppedBy(e)) {
            return;
        }
        summary.runFailed(SecretRedactor.redact(e == null ? "unknown error" : e.getMessage()));
    }

    /** Waits until Port has answered for every mapped entity (batches may complete on the aggregator's timer thread). */
    public void awaitAcknowledged() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        synchronized (pendingLock) {
            while (pending > 0 && localFault == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    summary.runFailed(pending + " entities were never acknowledged by Port within 10 minutes");
                    return;
                }
                pendingLock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * entityDeletionThreshold, as Port defines it, for the snapshot kinds (seats, billing, legacy): entities a
     * (kind, scope) produced last time and not this time are deleted when their share of last time's is at most
     * the threshold; 0, the default, never deletes. Daily kinds keep their history and are never deleted.
     */
    public List<DeleteRequest> deletions() {
        double threshold = mapping.definition().entityDeletionThreshold();
        List<DeleteRequest> requests = new ArrayList<>();
        if (localFault != null) {
            return requests; // a stopped run is no ground to delete anything
        }
        produced.forEach((key, now) -> {
            String[] ks = key.split("\t", 2);
            Set<String> before = state.produced(ks[0], ks[1]);
            if (threshold <= 0 || before.isEmpty() || !summary.tally(ks[0], ks[1]).succeeded()) {
                return;
            }
            List<String> stale = before.stream().filter(e -> !now.contains(e)).sorted().toList();
            if (stale.isEmpty()) {
                return;
            }
            double share = (double) stale.size() / before.size();
            if (share > threshold) {
                summary.warning(ks[0], ks[1], stale.size() + " entities no longer produced were not deleted: their share "
                        + String.format("%.2f", share) + " is above entityDeletionThreshold " + threshold);
                return;
            }
            Map<String, List<String>> byBlueprint = new java.util.TreeMap<>();
            stale.forEach(e -> byBlueprint.computeIfAbsent(e.split("\t", 2)[0], b -> new ArrayList<>()).add(e.split("\t", 2)[1]));
            byBlueprint.forEach((bp, ids) -> {
                for (int i = 0; i < ids.size(); i += DeleteRequest.MAX) {
                    requests.add(new DeleteRequest(ks[0], ks[1], bp, List.copyOf(ids.subList(i, Math.min(ids.size(), i + DeleteRequest.MAX)))));
                }
            });
        });
        return requests;
    }

    /** Port's answer to a bulk delete. */
    public void deleted(Exchange exchange) {
        DeleteRequest request = exchange.getProperty("deletion", DeleteRequest.class);
        int status = exchange.getProperty("status", 0, Integer.class);
        if (status == 200 || status == 207) {
            request.identifiers().forEach(id -> state.forgetHash(request.blueprint(), id));
            summary.deleted(request.kind(), request.scope(), request.identifiers().size());
        } else {
            summary.failed(request.kind(), request.scope(), "Port answered " + status + " to deleting " + request.identifiers().size()
                    + " entities of blueprint '" + request.blueprint() + "'");
        }
    }

    /** A --once run prints the summary on the terminal itself; the service logs it. */
    public void logSummary(boolean enabled) {
        this.logSummary = enabled;
    }

    public void finish() {
        try {
            if (localFault == null) {
                state.flush();
                produced.forEach((key, now) -> {
                    String[] ks = key.split("\t", 2);
                    if (summary.tally(ks[0], ks[1]).succeeded()) {
                        state.recordProduced(ks[0], ks[1], now);
                    }
                });
            }
        } catch (io.copilotportsync.state.LocalWriteException e) {
            stopFor(e);
        }
        if (metrics != null) {
            metrics.runFinished(summary, (System.nanoTime() - startedNanos) / 1_000_000, clock.instant().getEpochSecond());
        }
        inProgress = false;
        if (stopping) {
            summary.runFailed("the process was stopped before the run ended; what was not done is read again next run");
        }
        drift.unused().forEach((kind, names) -> LOG.info(io.copilotportsync.mapping.MappingFields.line(kind, names)));
        if (logSummary) {
            LOG.info("Sync run finished\n{}", summary.render());
        } else {
            LOG.info("Sync run finished: {}", summary.succeeded() ? "every kind succeeded" : "FAILED");
        }
    }

    private void settle(int n) {
        synchronized (pendingLock) {
            pending -= n;
            pendingLock.notifyAll();
        }
    }

    /** @param app the call was made with the GitHub App's credentials */
    private static String hint(int status, boolean app) {
        return switch (status) {
            case 401 -> app ? " (the GitHub App's credentials are not accepted: check GITHUB_APP_ID and its private key)"
                    : " (GITHUB_TOKEN is not accepted: check that it is valid and not expired)";
            case 403 -> app ? " (the GitHub App lacks permission: it needs the organization permissions 'Organization Copilot"
                    + " metrics' and 'GitHub Copilot Business' (read); the Copilot usage metrics policy must be enabled)"
                    : " (the token lacks permission: classic tokens need read:org or manage_billing:copilot, "
                    + "enterprise endpoints read:enterprise or manage_billing:copilot and a classic token; "
                    + "the Copilot usage metrics policy must be enabled)";
            case 404 -> " (unknown to this token, or not available for this organization or enterprise)";
            case 422 -> " (the Copilot Metrics API access policy is disabled for this organization or enterprise)";
            default -> "";
        };
    }

    private static String kind(Exchange e) {
        return e.getProperty(KIND, String.class);
    }

    private static String scope(Exchange e) {
        return e.getProperty(SCOPE, String.class);
    }

    private static String day(Exchange e) {
        return e.getProperty(DAY, String.class);
    }
}
