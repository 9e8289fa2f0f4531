package io.copilotportsync.embed;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which variable of README's table each parameter of the Kamelet and the route template sets, so that the jar's
 * own checks, written for variables, name the parameter to whoever set parameters.
 */
final class ParameterNames {
    /** Parameter by variable; EmbeddingContractTest holds it to the Kamelet's parameters and EmbeddedSync's setters. */
    static final Map<String, String> BY_VARIABLE = Map.ofEntries(
            Map.entry("SYNC_CRON", "schedule"),
            Map.entry("GITHUB_TOKEN", "githubToken"), Map.entry("GITHUB_API_URL", "githubApiUrl"),
            Map.entry("GITHUB_API_VERSION", "githubApiVersion"),
            Map.entry("GITHUB_REPORT_HOSTS", "githubReportHosts"), Map.entry("GITHUB_ORGS", "githubOrgs"),
            Map.entry("GITHUB_ENTERPRISE", "githubEnterprise"),
            Map.entry("GITHUB_APP_ID", "githubAppId"), Map.entry("GITHUB_APP_PRIVATE_KEY", "githubAppPrivateKey"),
            Map.entry("GITHUB_APP_PRIVATE_KEY_FILE", "githubAppPrivateKeyFile"),
            Map.entry("GITHUB_APP_INSTALLATION_ID", "githubAppInstallationId"),
            Map.entry("PORT_API_URL", "portApiUrl"), Map.entry("PORT_CLIENT_ID", "portClientId"),
            Map.entry("PORT_CLIENT_SECRET", "portClientSecret"), Map.entry("PORT_CONCURRENCY", "portConcurrency"),
            Map.entry("SYNC_KINDS", "kinds"), Map.entry("MAPPING_FILE", "mappingFile"), Map.entry("DATA_DIR", "dataDir"),
            Map.entry("SYNC_START_DAY", "startDay"), Map.entry("SYNC_END_DAY", "endDay"),
            Map.entry("SYNC_DATABASE_URL", "databaseUrl"), Map.entry("SYNC_DATABASE_USER", "databaseUser"),
            Map.entry("SYNC_DATABASE_PASSWORD", "databasePassword"),
            Map.entry("RECORD_WORKERS", "recordWorkers"), Map.entry("GITHUB_REPORT_LINE_LIMIT_MB", "githubReportLineLimitMb"),
            Map.entry("RETRY_MAX_WAIT", "retryMaxWait"), Map.entry("GITHUB_FAILURES_BEFORE_SKIP", "githubFailuresBeforeSkip"),
            Map.entry("SHUTDOWN_TIMEOUT", "shutdownTimeout"),
            Map.entry("HTTPS_PROXY", "httpsProxy"), Map.entry("NO_PROXY", "noProxy"), Map.entry("GITHUB_CA_FILE", "caFile"));
    // longest first, so that GITHUB_APP_PRIVATE_KEY_FILE is not read as GITHUB_APP_PRIVATE_KEY and a rest
    private static final Pattern VARIABLE = Pattern.compile("\\b(" + String.join("|", BY_VARIABLE.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList()) + ")\\b");

    private ParameterNames() {
    }

    /** "GITHUB_TOKEN is not set" reads "parameter githubToken (GITHUB_TOKEN) is not set". */
    static String inMessage(String message) {
        Matcher m = VARIABLE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("parameter " + BY_VARIABLE.get(m.group(1)) + " (" + m.group(1) + ")"));
        }
        return m.appendTail(out).toString();
    }
}
