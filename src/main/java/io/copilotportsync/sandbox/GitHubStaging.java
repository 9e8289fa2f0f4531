package io.copilotportsync.sandbox;

/**
 * What a test stages in GitHub's answers (src/test's GitHubFaults): every method says how GitHub answers as it does
 * unless told otherwise. {@code --sandbox} stages nothing.
 */
public interface GitHubStaging {
    /** Raw text appended to the first file of a report ("orgs/octo-org/users-1-day/2026-03-20"): "" for none. */
    default String extraLines(String file) {
        return "";
    }

    /** The text served as the whole (one-link) file of a report, or null for the report's own. */
    default String replacedFile(String file) {
        return null;
    }

    /** Whether the 28-day/latest reports are served (else 404, as a GitHub without them would answer). */
    default boolean servesLatestReports() {
        return true;
    }

    /** The scopes a classic token has, as GitHub lists them in x-oauth-scopes. */
    default String tokenScopes() {
        return "read:org, read:enterprise, manage_billing:copilot";
    }

    /** GitHub's own cap on per_page, whatever a call asks for. */
    default int maxPageSize() {
        return 100;
    }
}
