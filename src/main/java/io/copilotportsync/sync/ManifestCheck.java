package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.flow.PropertyNames;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import io.copilotportsync.http.NotJson;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report's manifest that GitHub answered 200 is read (the body becomes its JSON) when it lists files to download.
 * One that is not JSON (a proxy's or GitHub's HTML page), or lists no files, has nothing to read: a warning, not a
 * failure, since nothing was refused or lost. Such a day is not final (GitHub lists its files later, or a proxy
 * stops standing in the way), so the next run asks again; a 28-day report's days go to their daily reports.
 */
public final class ManifestCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestCheck.class);

    /** The manifest in the body (GitHub's answer, text) as JSON, or the text as it was when it is not a JSON object. */
    public Object parsed(@Body String answer) {
        JsonNode manifest = NotJson.object(answer);
        return manifest != null ? manifest : answer;
    }

    /**
     * Whether the manifest (the body, as {@link #parsed} made it) lists files to download; if not, a warning, and the
     * day is asked again next run (a 28-day report's days are read from the daily reports).
     */
    public boolean usable(@Body Object manifest, @ExchangeProperty(PropertyNames.CONTENT_TYPE) String contentType,
                          @ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(PropertyNames.JOB) SyncJob job,
                          @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                          @ExchangeProperty(PropertyNames.DAY) String day, @ExchangeProperty(PropertyNames.REPORT_NAME) String reportName) {
        String problem = problem(manifest, contentType, job);
        if (problem == null) {
            return true;
        }
        String report = String.valueOf(reportName).replace("/latest", "");
        if (job != null && job.latest()) {
            warn(run, kind, scope, "the " + report + " report's manifest " + problem + "; its " + job.days().size()
                    + " days are read from the daily reports");
            return false;
        }
        warn(run, kind, scope, "the " + report + " report of " + day + ": its manifest " + problem
                + "; the day is not final and is asked again next run");
        run.summary().dayDone(kind, scope);
        run.ledger().askAgain(kind, scope, day);
        return false;
    }

    private static void warn(RunState run, String kind, String scope, String warning) {
        if (run.summary().warning(kind, scope, warning)) {
            LOG.warn("{} {}: {}", kind, scope, warning);
        }
    }

    /** What makes the manifest unreadable, or null. */
    private static String problem(Object answer, String contentType, SyncJob job) {
        if (!(answer instanceof JsonNode manifest)) {
            return "answered 200 with " + (contentType == null || contentType.isBlank() ? "no content type" : contentType)
                    + ", not JSON (a proxy or a GitHub error page may stand in the way)";
        }
        JsonNode links = manifest.path("download_links");
        if (!links.isArray() || links.isEmpty()) {
            return "lists no files (download_links is " + (links.isArray() ? "empty" : "missing") + ")";
        }
        if (job != null && job.latest() && (!isDay(manifest.path("report_start_day")) || !isDay(manifest.path("report_end_day")))) {
            return "does not say which days it holds (report_start_day, report_end_day)";
        }
        return null;
    }

    private static boolean isDay(JsonNode value) {
        try {
            LocalDate.parse(value.asText(""));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
