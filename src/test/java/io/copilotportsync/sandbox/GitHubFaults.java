package io.copilotportsync.sandbox;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's answers as a test stages them on the GitHub stand-in: a line that is not JSON in a report file, a file
 * of another shape, no 28-day reports, a token's scopes, a small page size. {@code --sandbox} stages none of these.
 */
public final class GitHubFaults implements GitHubStaging {
    private static final Map<GitHubStandIn, GitHubFaults> OF = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, String> extraLines = new ConcurrentHashMap<>();
    private final Map<String, String> replacedFiles = new ConcurrentHashMap<>();
    private volatile boolean latestReports = true;
    private volatile String scopes = GitHubStaging.super.tokenScopes();
    private volatile int maxPageSize = GitHubStaging.super.maxPageSize();

    private GitHubFaults() {
    }

    /** The staged answers of a GitHub stand-in, which from then on answers as they say. */
    public static GitHubFaults of(GitHubStandIn github) {
        return OF.computeIfAbsent(github, g -> {
            GitHubFaults faults = new GitHubFaults();
            g.stage(faults);
            return faults;
        });
    }

    /** Appends raw text (say, a line that is not JSON) to the first file of an organization's users report of a day. */
    public void appendToUsersReport(String org, LocalDate day, String text) {
        extraLines.put("orgs/" + org + "/users-1-day/" + day, text);
    }

    /** Appends raw text to the first file of a row-per-line report of a scope ("orgs/octo-org") and day (a 28-day report: its end day). */
    public void appendToReport(String scopePath, String report, LocalDate day, String text) {
        extraLines.put(scopePath + "/" + report + "/" + day, text);
    }

    /** Serves this text as the whole (one-link) file of a report of a scope and day ("orgs/octo-org", say); null undoes it. */
    public void replaceReportFile(String scopePath, String report, LocalDate day, String text) {
        String key = scopePath + "/" + report + "/" + day;
        if (text == null) {
            replacedFiles.remove(key);
        } else {
            replacedFiles.put(key, text);
        }
    }

    /** Whether the 28-day/latest reports are served (else 404, as a GitHub without them would answer). */
    public void latestReports(boolean served) {
        this.latestReports = served;
    }

    /** The scopes a classic token has, as GitHub lists them in x-oauth-scopes. */
    public void scopes(String scopes) {
        this.scopes = scopes;
    }

    /** GitHub decides the page size whatever per_page asks for; a small one here makes every list span pages. */
    public void maxPageSize(int size) {
        this.maxPageSize = size;
    }

    @Override
    public String extraLines(String file) {
        return extraLines.getOrDefault(file, "");
    }

    @Override
    public String replacedFile(String file) {
        return replacedFiles.get(file);
    }

    @Override
    public boolean servesLatestReports() {
        return latestReports;
    }

    @Override
    public String tokenScopes() {
        return scopes;
    }

    @Override
    public int maxPageSize() {
        return maxPageSize;
    }
}
