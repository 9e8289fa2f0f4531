package io.copilotportsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.copilotportsync.config.ReportHosts;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.NotJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Opens a signed report link as a stream of lines. The signature in the link is the credential: the request carries
 * no Authorization header (it does not pass through Camel's HTTP headers at all), goes only to allowed hosts, and
 * follows a redirect only to another allowed host.
 */
public final class ReportDownload {
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ATTEMPTS = 3;
    /** How long a download may take to answer (its status and headers; the lines then come as they come). */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportDownload.class);

    /** Content types that are never JSON lines: a proxy's or a storage host's page stands where the file should be. */
    private static final java.util.regex.Pattern NOT_JSON_LINES = java.util.regex.Pattern.compile(
            "(?i)\\s*(text/html|application/xhtml\\+xml|text/xml|application/xml)\\b.*");


    private final ReportHosts allowedHosts;
    private final HttpClient client;
    private final int lineLimitMb;
    /** How long a read of the body may wait for its next bytes once the headers came. */
    private final Duration idleLimit;

    /** With the default line limit (GITHUB_REPORT_LINE_LIMIT_MB's default). */
    public ReportDownload(ReportHosts allowedHosts, io.copilotportsync.http.Network network) {
        this(allowedHosts, network, 32);
    }

    /**
     * @param network     the proxy and trusted CAs; signed links go the way every call goes, still without the token
     * @param lineLimitMb the longest line a report file may have, in MiB (GITHUB_REPORT_LINE_LIMIT_MB)
     */
    public ReportDownload(ReportHosts allowedHosts, io.copilotportsync.http.Network network, int lineLimitMb) {
        this(allowedHosts, network, lineLimitMb, ANSWER_TIMEOUT);
    }

    /** @param idleLimit how long the body may send nothing before the download fails (tests shorten the minute) */
    ReportDownload(ReportHosts allowedHosts, io.copilotportsync.http.Network network, int lineLimitMb, Duration idleLimit) {
        this.allowedHosts = allowedHosts;
        this.lineLimitMb = lineLimitMb;
        this.idleLimit = idleLimit;
        this.client = network.httpClient()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Opens the link in the body; sets the exchange property "source" to the link without its query string. */
    public ReportLines open(Exchange exchange) throws IOException, InterruptedException {
        String link = exchange.getMessage().getBody(String.class);
        URI uri = checked(link);
        String file = file(exchange);
        exchange.setProperty(PropertyNames.SOURCE, withoutQuery(uri));
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(ANSWER_TIMEOUT)
                    .header("Accept", "application/x-ndjson, application/json, */*").build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (java.net.http.HttpTimeoutException e) {
                throw new ReportDownloadException("the download of " + file + " from " + withoutQuery(uri)
                        + " got no answer within " + ANSWER_TIMEOUT.toSeconds() + " s", true);
            } catch (IOException e) {
                // the JDK's ConnectException says nothing (null): name what was tried
                throw new ReportDownloadException("the download of " + file + " from " + withoutQuery(uri) + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true);
            }
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status == 200 && !NOT_JSON_LINES.matcher(type).matches()) {
                io.copilotportsync.http.ScopeBreaker.downloadAttempted(exchange, null);
                BoundedLineReader reader = new BoundedLineReader(new IdleReadTimeout(response.body(), idleLimit), lineLimitMb << 20);
                // the lines of this attempt are marked done through it, whenever their workers finish
                exchange.setProperty(PropertyNames.FILE_ATTEMPT, progress(exchange).attemptStarts());
                return new ReportLines(reader, file, lineLimitMb, type, progress(exchange));
            }
            response.body().close();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status >= 300 && status < 400 && location != null) {
                uri = checked(uri.resolve(location).toString());
                continue;
            }
            if (status == 200) {
                throw new ReportDownloadException("the download of " + file + " from " + withoutQuery(uri) + " answered 200 with "
                        + type + ", not JSON lines: a proxy's or the storage host's page stands in the way (check HTTPS_PROXY,"
                        + " NO_PROXY and GITHUB_REPORT_HOSTS)");
            }
            throw new ReportDownloadException("the download of " + file + " from " + withoutQuery(uri) + " answered " + status
                    + (type.isEmpty() ? "" : " (" + type + ")")
                    + (status == 403 || status == 410 ? ": the signed link may have expired" : ""), status >= 500 || status == 408);
        }
        throw new ReportDownloadException("the download of " + file + " from " + withoutQuery(uri) + " redirected more than "
                + MAX_REDIRECTS + " times");
    }

    /** The file being read, in the user's words: its place in the manifest, the report and its day; never the link. */
    static String file(Exchange exchange) {
        Object report = exchange.getProperty(PropertyNames.REPORT_NAME);
        String day = exchange.getProperty(PropertyNames.DAY, String.class);
        return "file " + (exchange.getProperty(PropertyNames.LINK_INDEX, 0, Integer.class) + 1) + " of the "
                + (report == null ? "" : report.toString().replace("/latest", "") + " ") + "report" + (day == null ? "" : " of " + day);
    }

    /** A file of a report begins (route report-file): no line of it done yet. */
    public FileProgress begin() {
        return new FileProgress();
    }

    /**
     * A download failed or broke off: another attempt, with a fresh link from a fresh manifest (signed links
     * expire), goes on after the lines already read; after {@link #MAX_ATTEMPTS} the failure stands.
     */
    public void retry(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempt = exchange.getProperty(PropertyNames.DOWNLOAD_ATTEMPT, 0, Integer.class) + 1;
        exchange.setProperty(PropertyNames.DOWNLOAD_ATTEMPT, attempt);
        // a download that broke off or got no answer is an outage of the scope's GitHub; a tripped breaker ends it here
        boolean outage = e instanceof IOException || e instanceof java.io.UncheckedIOException || e instanceof ReportDownloadException d && d.outage();
        if (outage) {
            io.copilotportsync.http.ScopeBreaker.downloadAttempted(exchange, e.getMessage());
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        LOG.warn("Report download failed ({}), after {} lines processed: asking GitHub for a fresh link (attempt {}); the file is"
                + " read again past the lines processed", e.getMessage(), progress(exchange).count(), attempt + 1);
    }

    /** The link at the index of the file being read in a fresh manifest (the body): it replaces the expired one. */
    public String freshLink(@Body String answer, @ExchangeProperty(PropertyNames.STATUS) int status,
                            @ExchangeProperty(PropertyNames.CONTENT_TYPE) String contentType,
                            @ExchangeProperty(PropertyNames.LINK_INDEX) int index) {
        if (status != 200) {
            throw new ReportDownloadException("GitHub answered " + status + " when the report's manifest was asked for again");
        }
        JsonNode manifest = NotJson.object(answer);
        if (manifest == null) {
            throw new ReportDownloadException("the report's manifest, asked again for a fresh link, answered 200 with "
                    + (contentType == null ? "no content type" : contentType) + ", not JSON");
        }
        JsonNode links = manifest.path("download_links");
        if (!links.has(index)) {
            throw new ReportDownloadException("the report's fresh manifest has no link " + (index + 1));
        }
        return links.get(index).asText();
    }

    private static FileProgress progress(Exchange exchange) {
        FileProgress p = exchange.getProperty(PropertyNames.FILE_PROGRESS, FileProgress.class);
        return p != null ? p : new FileProgress();
    }

    /**
     * A batch of lines of the file is done: each line shaped and mapped, or dead-lettered (exchange property
     * "lineBatch"). A download that starts again goes on after the lines done, not the lines read.
     */
    public void batchDone(@ExchangeProperty(PropertyNames.LINE_BATCH) LineBatch batch,
                          @ExchangeProperty(PropertyNames.FILE_PROGRESS) FileProgress progress,
                          @ExchangeProperty(PropertyNames.FILE_ATTEMPT) FileProgress.Attempt attempt) {
        (progress != null ? progress : new FileProgress()).done(attempt, batch.firstPlace(), batch.lines().size());
    }

    /** The file's batches (the body) were all processed: what broke the file off, if anything, is thrown now. */
    public void ended(@Body ReportLines.Batches batches) {
        batches.end();
    }

    /** The line's number in its file (1-based), for dead letters: its place in this attempt tells which line it is. */
    public static long lineNumber(FileProgress.Attempt attempt, int place) {
        return (attempt == null ? place : attempt.line(place)) + 1;
    }

    private URI checked(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException | NullPointerException e) {
            throw new ReportDownloadException("GitHub gave a download link that is not a URL");
        }
        if (!allowedHosts.schemeAcceptable(uri)) {
            throw new ReportDownloadException("refused download link " + withoutQuery(uri)
                    + ": only https (or http on loopback) is accepted for report files");
        }
        if (!allowedHosts.allows(uri)) {
            throw new ReportDownloadException("refused download link to host '" + uri.getHost()
                    + "': not in GITHUB_REPORT_HOSTS (add it there if it is GitHub's report host)");
        }
        return uri;
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
