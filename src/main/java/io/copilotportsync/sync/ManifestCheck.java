package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report's manifest that GitHub answered 200 is read (the body becomes its JSON) when it lists files to download.
 * One that is not JSON (a proxy's or GitHub's HTML page), or lists no files, has nothing to read: a warning, not a
 * failure, since nothing was refused or lost. Such a day is not final (GitHub lists its files later, or a proxy
 * stops standing in the way), so the next run asks again; a 28-day report's days go to their daily reports.
 */
public final class ManifestCheck {
    /** Exchange property: true when the manifest in the body lists files to download. */
    public static final String USABLE = "manifestUsable";
    private static final Logger LOG = LoggerFactory.getLogger(ManifestCheck.class);

    public void check(Exchange exchange) {
        String problem = read(exchange);
        exchange.setProperty(USABLE, problem == null);
        if (problem == null) {
            return;
        }
        RunState run = exchange.getProperty(RunState.PROPERTY, RunState.class);
        String kind = exchange.getProperty(JobPlanner.KIND, String.class);
        String scope = exchange.getProperty(JobPlanner.SCOPE, String.class);
        String report = String.valueOf(exchange.getProperty("reportName")).replace("/latest", "");
        SyncJob job = exchange.getProperty("job", SyncJob.class);
        if (job != null && job.latest()) {
            warn(run, kind, scope, "the " + report + " report's manifest " + problem + "; its " + job.days().size()
                    + " days are read from the daily reports");
            return;
        }
        String day = exchange.getProperty(JobPlanner.DAY, String.class);
        warn(run, kind, scope, "the " + report + " report of " + day + ": its manifest " + problem
                + "; the day is not final and is asked again next run");
        run.summary().dayDone(kind, scope);
        run.ledger().askAgain(kind, scope, day);
    }

    private static void warn(RunState run, String kind, String scope, String warning) {
        if (run.summary().warning(kind, scope, warning)) {
            LOG.warn("{} {}: {}", kind, scope, warning);
        }
    }

    /** Parses the manifest into the body; what makes it unreadable, or null. */
    private static String read(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode manifest = io.copilotportsync.http.NotJson.object(body);
        if (manifest == null) {
            String type = exchange.getProperty("contentType", String.class);
            return "answered 200 with " + (type == null || type.isBlank() ? "no content type" : type)
                    + ", not JSON (a proxy or a GitHub error page may stand in the way)";
        }
        exchange.getMessage().setBody(manifest);
        JsonNode links = manifest.path("download_links");
        if (!links.isArray() || links.isEmpty()) {
            return "lists no files (download_links is " + (links.isArray() ? "empty" : "missing") + ")";
        }
        SyncJob job = exchange.getProperty("job", SyncJob.class);
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
