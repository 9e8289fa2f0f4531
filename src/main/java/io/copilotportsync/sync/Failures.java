package io.copilotportsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.github.ReportDownload;
import io.copilotportsync.github.Scope;
import io.copilotportsync.http.AnswerMessage;
import io.copilotportsync.http.ScopeBreaker;
import io.copilotportsync.logging.SecretRedactor;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What goes wrong within a job, counted once against its kind, scope and day: GitHub's refusals (with what to do),
 * a day that broke off, a line or record that cannot be shaped or mapped (dead-lettered, the others go on). A day
 * with a failure is not recorded final, so the next run reads it again. A local write fault or a stop is not a
 * failure of the day: it stops the run (see {@link RunState#stoppedBy}).
 */
public final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private final SyncSettings settings;

    public Failures(SyncSettings settings) {
        this.settings = settings;
    }

    /**
     * GitHub answered a call with something other than 200 or 204. For the legacy kinds a 404 (GitHub closed those
     * endpoints) or a 422 (metrics policy off) is a warning and the run goes on; anything else fails the call.
     */
    public void githubRefused(@ExchangeProperty(PropertyNames.RUN) RunState run,
                              @ExchangeProperty(PropertyNames.KIND) String kind,
                              @ExchangeProperty(PropertyNames.SCOPE) String scope,
                              @ExchangeProperty(PropertyNames.DAY) String day, @ExchangeProperty(PropertyNames.STATUS) int status,
                              @ExchangeProperty(PropertyNames.REPORT_NAME) String reportName, @ExchangeProperty(PropertyNames.REQUEST_PATH) String requestPath,
                              @ExchangeProperty(PropertyNames.SCOPE_TYPE) String scopeType, @Body String body) {
        String what = reportName != null ? "the " + reportName + " report" : String.valueOf(requestPath);
        String reason = "GitHub answered " + status + " for " + what + AnswerMessage.of(body)
                + hint(status, settings.usesGitHubApp() && !"enterprise".equals(scopeType));
        if (kind == null) {
            throw new IllegalStateException(reason);
        }
        SourceKind source = SourceKind.of(kind, settings.mappingFile());
        if (source.legacy() && (status == 404 || status == 422)) {
            String warning = status == 404
                    ? "GitHub closed the legacy Copilot metrics API on 2026-04-02 (404); use kind '" + source.replacement() + "' instead"
                    : "the Copilot Metrics API access policy is disabled (422); an owner enables it in the "
                    + (source.reads(Scope.Type.ENTERPRISE) ? "enterprise" : "organization") + " settings under Copilot > Policies";
            if (run.summary().warning(kind, scope, warning)) {
                LOG.warn("{} {}: {}", kind, scope, warning);
            }
            return;
        }
        LOG.warn("{} {} {}: {}", kind, scope, day == null ? "" : day, reason);
        run.summary().dayFailed(kind, scope, day, reason);
        if (day != null) {
            run.ledger().failed(kind, scope, day);
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

    /** A report day could not be read to the end (the routes' error handler calls this). */
    public void dayFailed(@ExchangeProperty(PropertyNames.RUN) RunState run,
                          @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e,
                          @ExchangeProperty(PropertyNames.KIND) String kind,
                          @ExchangeProperty(PropertyNames.SCOPE) String scope,
                          @ExchangeProperty(PropertyNames.DAY) String day,
                          @ExchangeProperty(PropertyNames.JOB) SyncJob job) {
        if (run.stoppedBy(e)) {
            return; // the run is stopping: the day is simply not recorded, and is read next run
        }
        // Camel's wrappers ("Multicast processing failed ... Exchange[...]") taken off: the cause in its own words
        String reason = SecretRedactor.redact(e == null ? "unknown error" : RunFailure.message(e));
        if (!(e instanceof ScopeBreaker.ScopeSkippedException)) {
            // a skipped scope's jobs fail by the dozen: the breaker said it once, the summary counts them
            LOG.warn("{} {}{} failed: {}", kind, scope, day == null ? "" : " " + day, reason);
        }
        run.summary().dayFailed(kind, scope, day, reason);
        if (day == null && job != null && job.latest()) {
            // a 28-day report that broke off: each of its days is asked again next run (days recorded already stay)
            job.days().forEach(d -> run.ledger().failed(job.kind(), job.scope().label(), d.toString()));
        } else if (day != null) {
            run.ledger().failed(kind, scope, day);
        }
    }

    /**
     * A line of a report file that is not JSON, or cannot be shaped: kept as a dead letter with its place in the
     * file, and its day is not final (a fixed cause, or GitHub's corrected file, is read next run).
     */
    public void malformedLine(@ExchangeProperty(PropertyNames.RUN) RunState run,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e,
                              @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                              @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.SOURCE) String source,
                              @ExchangeProperty(PropertyNames.DAY) String day, @ExchangeProperty(PropertyNames.LINE_NUMBER) Long lineNumber,
                              @Body Object body) {
        String line = body instanceof JsonNode node ? node.toString() : String.valueOf(body);
        lineFailed(new RecordOrigin(run, kind, scope, job, source), lineNumber == null ? 0 : lineNumber, line, day, e);
    }

    /** The same for a line of a batch (its number in the file, its day when known), the batch going on. */
    void lineFailed(RecordOrigin origin, long lineNumber, String line, String day, Throwable e) {
        origin.run().rethrowLocalFault(e);
        // a replayed line's number is not known (0): its dead letter named it
        String source = origin.source() + (lineNumber > 0 ? " line " + lineNumber : "");
        String reason = e instanceof JsonProcessingException ? "malformed NDJSON line"
                : "line could not be shaped: " + rootMessage(e);
        failRecord(origin, day, source, reason, TextNode.valueOf(line));
    }

    /** A record the routes could not shape or map (a route's jq failed on it): dead-lettered, the others go on. */
    public void recordFailed(@ExchangeProperty(PropertyNames.RUN) RunState run,
                             @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e,
                             @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                             @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.SOURCE) String source,
                             @ExchangeProperty(PropertyNames.REQUEST_PATH) String requestPath, @ExchangeProperty(PropertyNames.DAY) String day,
                             @Body Object body) {
        JsonNode payload = body instanceof JsonNode node ? node : TextNode.valueOf(String.valueOf(body));
        batchRecordFailed(RecordOrigin.of(run, kind, scope, job, source, requestPath), day, payload, e);
    }

    /** The same for a record of a batch, with its day; the batch goes on. */
    void batchRecordFailed(RecordOrigin origin, String day, JsonNode payload, Throwable e) {
        origin.run().rethrowLocalFault(e);
        String reason = "record could not be mapped: " + SecretRedactor.redact(e == null ? "unknown error" : rootMessage(e));
        failRecord(origin, day, origin.source(), reason, payload);
    }

    /**
     * A record that could not be delivered: a dead letter, a failure in the summary, and its day (every day of a
     * 28-day report when the record's own day is unknown; the snapshot for seats and billing) not final.
     */
    void failRecord(RecordOrigin origin, String day, String source, String reason, JsonNode payload) {
        RunState run = origin.run();
        String kind = origin.kind();
        String scope = origin.scope();
        run.deadLetter(kind, scope, day, DeadLetters.Outcome.FAILED, source, reason, payload);
        run.summary().failed(kind, scope, reason + " (dead-lettered; read again next run)");
        if (day == null && origin.latest()) {
            origin.job().days().forEach(d -> run.ledger().recordFailed(kind, scope, d.toString()));
            run.summary().failedDay(kind, scope, null);
        } else {
            run.summary().failedDay(kind, scope, day);
            if (day != null) {
                run.ledger().recordFailed(kind, scope, day);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
