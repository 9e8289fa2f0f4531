package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.github.Scope;
import io.copilotportsync.jq.JqJson;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.state.DayPlanner;
import io.copilotportsync.state.SyncState;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which jobs a run does (kind x scope, daily kinds day by day, a long gap from one 28-day report), the exchange
 * properties a job's route reads, and which records of a 28-day report belong to the job.
 */
public final class JobPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(JobPlanner.class);

    /** The first days GitHub's usage reports exist for (start-up warns about a window before them). */
    static final LocalDate ENTERPRISE_REPORTS_SINCE = io.copilotportsync.config.StartupChecks.ENTERPRISE_REPORTS_SINCE;
    static final LocalDate ORGANIZATION_REPORTS_SINCE = io.copilotportsync.config.StartupChecks.ORGANIZATION_REPORTS_SINCE;

    private final SyncSettings settings;
    private final MappingEngine mapping;
    private final SyncState state;
    private final Clock clock;

    public JobPlanner(SyncSettings settings, MappingEngine mapping, SyncState state, Clock clock) {
        this.settings = settings;
        this.mapping = mapping;
        this.state = state;
        this.clock = clock;
    }

    /** The kinds a run syncs: those of the mapping file, in its order, or of them only SYNC_KINDS when it is set. */
    public List<String> kinds() {
        return mapping.kinds().stream().filter(k -> settings.syncKinds().isEmpty() || settings.syncKinds().contains(k)).toList();
    }

    /** Every job of the run: kinds in mapping-file order, each for the scopes it reads, daily kinds day by day. */
    List<SyncJob> jobs(RunState run) {
        List<SyncJob> jobs = new ArrayList<>();
        LOG.info("Scopes: {}", run.scopes().stream().map(Scope::label).toList());
        for (String kind : kinds()) {
            SourceKind source = SourceKind.of(kind, settings.mappingFile());
            List<Scope> read = run.scopes().stream().filter(s -> source.reads(s.type())).toList();
            if (read.isEmpty()) {
                LOG.info("Kind '{}' reads {} scopes and none is configured; skipped", kind,
                        source.reads(Scope.Type.ENTERPRISE) ? "enterprise (GITHUB_ENTERPRISE)" : "organization");
            }
            for (Scope scope : read) {
                if (source.family().daily()) {
                    LocalDate earliest = scope.type() == Scope.Type.ENTERPRISE ? ENTERPRISE_REPORTS_SINCE : ORGANIZATION_REPORTS_SINCE;
                    // --resync: as if nothing were known of these days
                    Map<LocalDate, SyncState.DayRecord> known = settings.resync() ? Map.of() : state.days(kind, scope.label());
                    TreeSet<LocalDate> days = DayPlanner.plan(known, settings.startDay(), settings.endDay(), LocalDate.now(clock), earliest);
                    if (source.latestReport() != null) {
                        TreeSet<LocalDate> latest = DayPlanner.fromLatestReport(days, known, LocalDate.now(clock));
                        if (!latest.isEmpty()) {
                            jobs.add(new SyncJob(kind, SourceKind.Family.LATEST_REPORT, scope, null, source.latestReport(),
                                    Collections.unmodifiableSortedSet(latest)));
                            days.removeAll(latest);
                        }
                    }
                    for (LocalDate day : days) {
                        jobs.add(new SyncJob(kind, source.family(), scope, day, source.report()));
                    }
                } else {
                    jobs.add(new SyncJob(kind, source.family(), scope, null, null));
                }
            }
        }
        int reportDays = jobs.stream().mapToInt(JobPlanner::reportDays).sum();
        for (SyncJob job : jobs) {
            run.pace().planned(job.kind(), reportDays(job) > 0, Math.max(1, reportDays(job)));
        }
        long days = jobs.stream().filter(j -> j.day() != null).count();
        long latest = jobs.stream().filter(SyncJob::latest).count();
        // the progress lines count report days, a 28-day report as the days it holds: say the same total here
        LOG.info("{} jobs to run: {} report days, {} 28-day reports and {} snapshots ({} report days in all)", jobs.size(), days,
                latest, jobs.size() - days - latest, reportDays);
        return jobs;
    }

    /**
     * The jobs of the run in two lanes that run side by side: the report days (one team day's membership in memory
     * at a time) and the snapshots; each lane keeps the mapping file's order.
     */
    public List<List<SyncJob>> lanes(@ExchangeProperty(PropertyNames.RUN) RunState run) {
        List<SyncJob> all = jobs(run);
        List<SyncJob> days = all.stream().filter(j -> SourceKind.of(j.kind(), settings.mappingFile()).family().daily()).toList();
        List<SyncJob> snapshots = all.stream().filter(j -> !SourceKind.of(j.kind(), settings.mappingFile()).family().daily()).toList();
        return List.of(days, snapshots);
    }


    /** The report days a job reads: one, the days of a 28-day report, or none (a snapshot). */
    static int reportDays(SyncJob job) {
        return job.latest() ? job.days().size() : job.day() != null ? 1 : 0;
    }

    /** Sets the exchange properties every job route reads: kind, scope, scopePath, contextKey, context, day, report. */
    public void startJob(@Body SyncJob job, @ExchangeProperty(PropertyNames.RUN) RunState run,
                         @ExchangeProperties Map<String, Object> properties) {
        run.stopIfFaulted();
        LOG.debug("Job {} {} {}", job.kind(), job.scope().label(), job.day() == null ? "" : job.day());
        properties.put(PropertyNames.JOB, job);
        properties.put(PropertyNames.JOB_STARTED, System.nanoTime());
        properties.put(PropertyNames.KIND, job.kind());
        properties.put(PropertyNames.SCOPE, job.scope().label());
        properties.put(PropertyNames.SCOPE_TYPE, job.scope().type().name().toLowerCase());
        properties.put(PropertyNames.SCOPE_PATH, job.scope().apiPath());
        properties.put(PropertyNames.CONTEXT_KEY, job.scope().contextKey());
        // normalized once, so that mapping, which normalizes each record in place, only reads this shared tree
        properties.put(PropertyNames.CONTEXT, JqJson.normalize(job.scope().context()));
        set(properties, PropertyNames.REPORT, job.report());
        properties.put(PropertyNames.SINCE, run.window().start() + "T00:00:00Z");
        properties.put(PropertyNames.UNTIL, run.window().end() + "T23:59:59Z");
        // a snapshot or a 28-day report has no day of its own
        set(properties, PropertyNames.DAY, job.day() == null ? null : job.day().toString());
    }

    /** As Exchange.setProperty does: a null value takes the property away (Camel's property map holds no nulls). */
    private static void set(Map<String, Object> properties, String name, Object value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
    }

    /**
     * A 28-day report job begins: the days its records turn out to hold are collected as they are read (property
     * daysWithRecords, set by the route).
     */
    public Set<String> latestBegin() {
        return ConcurrentHashMap.newKeySet();
    }

    /**
     * Whether a report record (the body) belongs to this job (exchange property "claimed"). A 28-day report holds
     * days this job does not read (final already, or outside SYNC_START_DAY..SYNC_END_DAY): those records are passed
     * over; the days of those it reads are collected (property daysWithRecords).
     */
    public boolean claims(@Body JsonNode record, @ExchangeProperty(PropertyNames.JOB) SyncJob job,
                          @ExchangeProperty(PropertyNames.DAYS_WITH_RECORDS) Set<String> withRecords) {
        if (job == null || !job.latest()) {
            return true;
        }
        String day = claimedDay(job, record);
        if (day == null) {
            return false;
        }
        withRecords.add(day);
        return true;
    }

    /**
     * The day of a record the job claims: in a 28-day report the record's own, so that each day is recorded done
     * on its own; else the job's day.
     */
    public String recordDay(@Body JsonNode record, @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.DAY) String day) {
        return job == null || !job.latest() ? day : claimedDay(job, record);
    }

    /** The record's day when the 28-day job reads it, else null. */
    static String claimedDay(SyncJob job, JsonNode record) {
        String day = record.path("day").asText("");
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("a record of the " + job.report() + " report has no valid day: '" + day + "'");
        }
        return job.days().contains(date) ? day : null;
    }

    /**
     * The 28-day report's manifest answered (the body, when 200) and its files were read: the days it holds are
     * read (or without data); the days it does not hold are returned as daily jobs. When GitHub does not serve
     * the 28-day report (any answer but 200, or a manifest with nothing to read), every day is read from its daily
     * report.
     */
    public List<SyncJob> latestRead(@ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(PropertyNames.JOB) SyncJob job,
                                    @ExchangeProperty(PropertyNames.STATUS) int status, @ExchangeProperty(PropertyNames.MANIFEST_USABLE) Boolean usable,
                                    @ExchangeProperty(PropertyNames.DAYS_WITH_RECORDS) Set<String> withRecords, @Body Object answer) {
        SortedSet<LocalDate> held = new TreeSet<>();
        if (status == 200 && Boolean.TRUE.equals(usable)) {
            JsonNode manifest = (JsonNode) answer;
            LocalDate start = LocalDate.parse(manifest.path("report_start_day").asText());
            LocalDate end = LocalDate.parse(manifest.path("report_end_day").asText());
            held.addAll(job.days().subSet(start, end.plusDays(1)));
        } else if (status != 200) { // a manifest answered 200 and unusable was warned about (ManifestCheck)
            LOG.info("{} {}: the {} report answered {}; reading {} days from the daily reports", job.kind(), job.scope().label(),
                    job.report(), status, job.days().size());
        }
        for (LocalDate day : held) {
            run.summary().dayDone(job.kind(), job.scope().label());
            if (withRecords.contains(day.toString())) {
                run.ledger().read(job.kind(), job.scope().label(), day.toString());
            } else {
                run.summary().dayWithoutData(job.kind(), job.scope().label());
                run.ledger().noData(job.kind(), job.scope().label(), day.toString());
            }
        }
        SourceKind source = SourceKind.of(job.kind(), settings.mappingFile());
        return job.days().stream().filter(d -> !held.contains(d))
                .map(d -> new SyncJob(job.kind(), source.family(), job.scope(), d, source.report())).toList();
    }
}
