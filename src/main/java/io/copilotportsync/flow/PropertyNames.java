package io.copilotportsync.flow;

/**
 * Every exchange property the routes ({@code routes/}) and the beans pass between them, declared once: the beans
 * name them through these constants ({@code @ExchangeProperty(PropertyNames.KIND)}), the routes by the values, and
 * {@code PropertyNamesTest} fails on a name used in either that is not declared here, or declared and never used.
 * Camel copies properties into each split, so a property set inside a job belongs to that job's exchange only.
 */
public final class PropertyNames {
    private PropertyNames() {
    }

    // The run and its job (sync-run, JobPlanner.startJob; DeadLetterReplay.prepare for a dead letter replayed)

    /** The run's state ({@code sync.RunState}), set by route sync-run (runStart.begin) and carried into every job. */
    public static final String RUN = "run";
    /** The job ({@code sync.SyncJob}): kind, family, scope, day or days, report. Absent while a dead letter is replayed. */
    public static final String JOB = "job";
    /** When the job started (System.nanoTime()), for the run's pace. */
    public static final String JOB_STARTED = "jobStarted";
    /** The job's kind (mapping file), for the summary and dead letters. */
    public static final String KIND = "kind";
    /** The job's scope as the summary names it: an organization's login, or enterprise:slug. */
    public static final String SCOPE = "scope";
    /** "organization" or "enterprise". */
    public static final String SCOPE_TYPE = "scopeType";
    /** The scope's API path (/orgs/octo-org, /enterprises/acme). */
    public static final String SCOPE_PATH = "scopePath";
    /** The record field that takes the scope's object: __organization or __enterprise. */
    public static final String CONTEXT_KEY = "contextKey";
    /** The scope's object (normalized once, shared by every record of the job, never changed). */
    public static final String CONTEXT = "context";
    /** The day being read (yyyy-MM-dd); null for a snapshot or a 28-day report, a 28-day record's own day in report-record. */
    public static final String DAY = "day";
    /** The report the job's kind reads (SyncJob.report()). */
    public static final String REPORT = "report";
    /** The run's window as GitHub's legacy metrics take it: the first day's start and the last day's end. */
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    /** Where the records at hand come from, for dead letters: the report file's link without its query, or a dead letter. */
    public static final String SOURCE = "source";
    /** What a dead letter replayed becomes: entity (sent to Port again), shape (a report line) or record (mapped). */
    public static final String REPLAY = "replay";

    // Reports: the manifest and its files (usage-reports, team-usage)

    /** The report being read (users-1-day, user-teams-1-day, organization-28-day/latest, ...). */
    public static final String REPORT_NAME = "reportName";
    /** Whether the manifest in the body lists files to read (manifestCheck.usable). */
    public static final String MANIFEST_USABLE = "manifestUsable";
    /** The days a 28-day report turned out to hold records of (a concurrent set, jobPlanner.latestBegin). */
    public static final String DAYS_WITH_RECORDS = "daysWithRecords";
    /** Whether a record of a report belongs to the job (jobPlanner.claims). */
    public static final String CLAIMED = "claimed";
    /** The file's place in the manifest's download_links (0-based), to ask a fresh manifest for the same file. */
    public static final String LINK_INDEX = "linkIndex";
    /** The file's signed download link (reportDownload.begin, freshLink); never sent the GitHub token. */
    public static final String DOWNLOAD_LINK = "downloadLink";
    /** How many downloads of the file failed so far. */
    public static final String DOWNLOAD_ATTEMPT = "downloadAttempt";
    /** Whether the file was read to its end. */
    public static final String DOWNLOAD_DONE = "downloadDone";
    /** The file's lines done so far, across attempts ({@code github.FileProgress}). */
    public static final String FILE_PROGRESS = "fileProgress";
    /** The download attempt whose lines are being read ({@code github.FileProgress.Attempt}): a line's number in the file. */
    public static final String FILE_ATTEMPT = "fileAttempt";
    /** The batch of lines being processed ({@code github.LineBatch}), marked done after its records. */
    public static final String LINE_BATCH = "lineBatch";
    /** The line number of the record at hand (report-records-each), for its dead letter. */
    public static final String LINE_NUMBER = "lineNumber";

    // Joins (team-usage, seats-and-billing, legacy-metrics, ai-credit-usage)

    /** The team job's membership of the day ({@code sync.TeamDay}), filled from user-teams-1-day. */
    public static final String TEAM_DAY = "teamDay";
    /** The seats read so far and which to keep ({@code sync.SeatChoice}). */
    public static final String SEAT_CHOICE = "seatChoice";
    /** The team whose legacy metrics are read (its JSON), and its slug. */
    public static final String TEAM = "team";
    public static final String TEAM_SLUG = "teamSlug";
    /** The billing API path of the scope (ai-credit-usage). */
    public static final String BILLING_PATH = "billingPath";

    // One GitHub call (github-call) and its pages (github-pages)

    /** The URL the GitHub call GETs. */
    public static final String REQUEST_URI = "requestUri";
    /** The path of the URL called (without host or query), for messages and dead letters. */
    public static final String REQUEST_PATH = "requestPath";
    /** The first page's path (github-pages), and the next page's URL from the Link header (null: the last page). */
    public static final String PAGE_PATH = "pagePath";
    public static final String NEXT = "next";
    /** How many pages a paged list has asked for (a bound against a Link header that never ends). */
    public static final String PAGES = "pages";
    /** The Link header of GitHub's last answer. */
    public static final String LINK = "link";
    /** The organization whose GitHub App installation token the call uses, and whether it was renewed after a 401. */
    public static final String INSTALLATION_TOKEN_OF = "installationTokenOf";
    public static final String INSTALLATION_TOKEN_RENEWED = "installationTokenRenewed";

    // One Port call (port-call) and what it is for

    /** The Port call's method, path, query and body. */
    public static final String PORT_METHOD = "portMethod";
    public static final String PORT_PATH = "portPath";
    public static final String PORT_QUERY = "portQuery";
    public static final String PORT_BODY = "portBody";
    /** Whether the Port token was renewed after a 401 in this call. */
    public static final String TOKEN_REFRESHED = "tokenRefreshed";
    /** The Port call's place in Port's pacing ({@code http.PortPacer}), given back when it is answered. */
    public static final String PORT_PACING = "portPacing";
    /** The bulk request being sent ({@code port.BulkRequest}). */
    public static final String BULK = "bulk";
    /** The blueprint being checked or created, and the step (check, create). */
    public static final String BLUEPRINT = "blueprint";
    public static final String BLUEPRINT_STEP = "blueprintStep";
    /** The page being checked or created, and the step (check, create). */
    public static final String PAGE = "page";
    public static final String PAGE_STEP = "pageStep";
    /** The blueprint whose catalog entities are read for relation targets. */
    public static final String CATALOG_TARGET = "catalogTarget";
    /** The deletion of stale snapshot entities being sent ({@code sync.Deletions}). */
    public static final String DELETION = "deletion";

    // Any call (GitHub or Port): its answer and its retries (routes/errors.camel.yaml's call-retries)

    /** The HTTP status of the call's last answer. */
    public static final String STATUS = "status";
    /** The Content-Type of the call's last answer. */
    public static final String CONTENT_TYPE = "contentType";
    /** The call's attempts so far. */
    public static final String ATTEMPT = "attempt";
    /** The failure the call's retries ended in, thrown again by its caller ({@code http.CallFailure}). */
    public static final String CALL_FAILURE = "callFailure";
}
