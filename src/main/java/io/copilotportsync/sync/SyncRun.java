package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingOutcome;
import io.copilotportsync.mapping.PortEntity;
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

    private final SyncSettings settings;
    private final MappingEngine mapping;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Object pendingLock = new Object();
    private long pending;
    private volatile SyncSummary summary;
    private volatile SyncWindow window;
    private volatile boolean logSummary = true;

    public SyncRun(SyncSettings settings, MappingEngine mapping, DeadLetters deadLetters, Clock clock) {
        this.settings = settings;
        this.mapping = mapping;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.window = SyncWindow.of(settings.startDay(), settings.endDay(), clock);
        this.summary = new SyncSummary(window.toString());
    }

    public void begin() {
        window = SyncWindow.of(settings.startDay(), settings.endDay(), clock);
        summary = new SyncSummary(window.toString());
        synchronized (pendingLock) {
            pending = 0;
        }
        LOG.info("Sync run started: kinds {}, organizations {}, days {}", mapping.kinds(), settings.githubOrgs(), window);
    }

    public SyncSummary summary() {
        return summary;
    }

    /** Every (kind, organization, day) this version syncs, kinds in mapping-file order, days oldest first. */
    public List<ReportDay> reportDays() {
        List<ReportDay> days = new ArrayList<>();
        for (String kind : mapping.kinds()) {
            SourceKind source = SourceKind.of(kind, settings.mappingFile());
            if (source.organizationReport().isEmpty()) {
                LOG.warn("Kind '{}' is in the mapping file but this version does not sync it yet; skipped", kind);
                continue;
            }
            for (String org : settings.githubOrgs()) {
                String orgJson = JSON.createObjectNode().put("login", org).toString();
                for (LocalDate day : window.days()) {
                    days.add(new ReportDay(kind, source.organizationReport().get(), org, orgJson, day));
                }
            }
        }
        return days;
    }

    public void noData(Exchange exchange) {
        summary.dayDone(kind(exchange), scope(exchange));
        summary.dayWithoutData(kind(exchange), scope(exchange));
    }

    public void dayRead(Exchange exchange) {
        summary.dayDone(kind(exchange), scope(exchange));
    }

    /** GitHub answered the manifest request with something other than 200 or 204. */
    public void manifestRefused(Exchange exchange) {
        int status = exchange.getProperty("status", 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String reason = "GitHub answered " + status + " for the " + exchange.getProperty("report", String.class)
                + " report" + githubMessage(body) + hint(status);
        LOG.warn("{} {} {}: {}", kind(exchange), scope(exchange), day(exchange), reason);
        summary.dayFailed(kind(exchange), scope(exchange), reason);
    }

    /** A report day could not be read to the end (the routes' error handler calls this). */
    public void dayFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = SecretRedactor.redact(e == null ? "unknown error" : e.getMessage());
        LOG.warn("{} {} {} failed: {}", kind(exchange), scope(exchange), day(exchange), reason);
        summary.dayFailed(kind(exchange), scope(exchange), reason);
    }

    /** A line of a report file is not JSON: kept as a dead letter with its place in the file. */
    public void malformedLine(Exchange exchange) {
        String line = exchange.getMessage().getBody(String.class);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class);
        String source = exchange.getProperty(SOURCE, String.class) + " line " + (index + 1);
        String reason = "malformed NDJSON line";
        deadLetters.write(kind(exchange), scope(exchange), day(exchange), source, reason, TextNode.valueOf(line));
        summary.dropped(kind(exchange), scope(exchange), reason + " (dead-lettered)");
    }

    /** Maps one raw record; the entities it yields are pending until Port acknowledges them. */
    public List<MappedEntity> map(Exchange exchange) {
        String kind = kind(exchange);
        String scope = scope(exchange);
        String day = day(exchange);
        JsonNode item = exchange.getMessage().getBody(JsonNode.class);
        summary.recordRead(kind, scope);
        MappingOutcome outcome = mapping.map(kind, item);
        outcome.dropped().forEach(reason -> summary.dropped(kind, scope, reason));
        List<MappedEntity> entities = new ArrayList<>(outcome.entities().size());
        for (PortEntity e : outcome.entities()) {
            entities.add(new MappedEntity(kind, scope, day, e, e.body().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        synchronized (pendingLock) {
            pending += entities.size();
        }
        return entities;
    }

    public void acknowledged(List<MappedEntity> entities) {
        for (MappedEntity e : entities) {
            summary.upserted(e.kind(), e.scope(), 1);
        }
        settle(entities.size());
    }

    public void rejected(MappedEntity entity, String reason) {
        summary.failed(entity.kind(), entity.scope(), reason);
        deadLetters.write(entity.kind(), entity.scope(), entity.day(), "port bulk upsert to " + entity.blueprint(),
                reason, entity.entity().body());
        settle(1);
    }

    public void runFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        summary.runFailed(SecretRedactor.redact(e == null ? "unknown error" : e.getMessage()));
    }

    /** Waits until Port has answered for every mapped entity (batches may complete on the aggregator's timer thread). */
    public void awaitAcknowledged() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        synchronized (pendingLock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    summary.runFailed(pending + " entities were never acknowledged by Port within 10 minutes");
                    return;
                }
                pendingLock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A --once run prints the summary on the terminal itself; the service logs it. */
    public void logSummary(boolean enabled) {
        this.logSummary = enabled;
    }

    public void finish() {
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

    private static String githubMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(body).path("message");
            return message.isTextual() ? ": " + message.asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (GITHUB_TOKEN is not accepted: check that it is valid and not expired)";
            case 403 -> " (the token lacks permission: classic tokens need read:org or manage_billing:copilot; "
                    + "the organization must allow the Copilot usage metrics API)";
            case 404 -> " (organization unknown to this token, or Copilot usage reports unavailable for it)";
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
