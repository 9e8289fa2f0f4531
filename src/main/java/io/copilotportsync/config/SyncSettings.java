package io.copilotportsync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The environment contract of DESIGN.md, read and checked once: every other class gets typed values from here,
 * and a missing or malformed variable becomes one {@link ConfigurationException} naming it.
 */
public record SyncSettings(
        String githubToken,
        URI githubApiUrl,
        String githubApiVersion,
        List<String> githubOrgs,
        String githubEnterprise,
        ReportHosts reportHosts,
        URI portApiUrl,
        String portClientId,
        String portClientSecret,
        String syncCron,
        LocalDate startDay,
        LocalDate endDay,
        Path mappingFile,
        Path dataDir,
        boolean mappingJqEnv,
        int portConcurrency,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int managementPort,
        GitHubAppSettings githubApp,
        NetworkSettings network,
        List<String> syncKinds,
        int shutdownTimeoutSeconds,
        int recordWorkers,
        int reportLineLimitMb,
        RetrySettings retry,
        boolean resync) {

    public static final String DEFAULT_REPORT_HOSTS = "*.github.com,*.githubusercontent.com,*.ghe.com,*.blob.core.windows.net";
    public static final String DEFAULT_CRON = "0 30 3 * * ?";

    /** Reads settings that every mode needs; {@code needCredentials} is false for offline commands such as preview. */
    public static SyncSettings from(Function<String, String> env, boolean needCredentials) {
        Reader r = new Reader(env);
        StartupChecks.logLevel("LOG_LEVEL", env.apply("LOG_LEVEL"), io.copilotportsync.logging.Logging.LEVELS);
        GitHubAppSettings app = GitHubAppSettings.read(env);
        SyncSettings settings = new SyncSettings(
                needCredentials && app == null ? r.required("GITHUB_TOKEN") : r.optional("GITHUB_TOKEN", ""),
                r.url("GITHUB_API_URL", "https://api.github.com"),
                r.apiVersion("GITHUB_API_VERSION", "2026-03-10"),
                r.list("GITHUB_ORGS"),
                r.slug("GITHUB_ENTERPRISE"),
                ReportHosts.parse("GITHUB_REPORT_HOSTS", r.optional("GITHUB_REPORT_HOSTS", DEFAULT_REPORT_HOSTS)),
                r.url("PORT_API_URL", "https://api.port.io"),
                needCredentials ? r.required("PORT_CLIENT_ID") : r.optional("PORT_CLIENT_ID", ""),
                needCredentials ? r.required("PORT_CLIENT_SECRET") : r.optional("PORT_CLIENT_SECRET", ""),
                r.cron("SYNC_CRON", DEFAULT_CRON),
                r.day("SYNC_START_DAY"),
                r.day("SYNC_END_DAY"),
                ClasspathFile.resolve("MAPPING_FILE", r.optional("MAPPING_FILE", "mappings/port-app-config.yaml")),
                Path.of(r.optional("DATA_DIR", "data")),
                r.bool("MAPPING_JQ_ENV"),
                r.integer("PORT_CONCURRENCY", 16, 1, 256),
                r.jdbc("SYNC_DATABASE_URL"),
                r.optional("SYNC_DATABASE_USER", ""),
                r.optional("SYNC_DATABASE_PASSWORD", ""),
                r.integer("MANAGEMENT_PORT", 8080, 1, 65535),
                app,
                NetworkSettings.from(env),
                r.kinds("SYNC_KINDS"),
                r.integer("SHUTDOWN_TIMEOUT", 30, 1, 3600),
                r.integer("RECORD_WORKERS", Runtime.getRuntime().availableProcessors(), 1, 64),
                r.integer("GITHUB_REPORT_LINE_LIMIT_MB", 32, 1, 1024),
                RetrySettings.from(env),
                false);
        io.copilotportsync.logging.SecretRedactor.register(settings.databasePassword);
        io.copilotportsync.logging.SecretRedactor.register(settings.githubToken);
        io.copilotportsync.logging.SecretRedactor.register(settings.portClientSecret);
        if (settings.startDay != null && settings.endDay != null && settings.startDay.isAfter(settings.endDay)) {
            throw new ConfigurationException("SYNC_START_DAY (" + settings.startDay + ") is after SYNC_END_DAY ("
                    + settings.endDay + "): the window is inclusive, start on or before the end");
        }
        return settings;
    }

    /**
     * The same settings for {@code --resync}: the window is read again whatever the state says (days final or not,
     * entities unchanged or not), so SYNC_START_DAY is required.
     */
    public SyncSettings resyncing() {
        if (startDay == null) {
            throw new ConfigurationException("--resync needs SYNC_START_DAY (and SYNC_END_DAY, else up to yesterday): the window to read again");
        }
        return new SyncSettings(githubToken, githubApiUrl, githubApiVersion, githubOrgs, githubEnterprise, reportHosts, portApiUrl,
                portClientId, portClientSecret, syncCron, startDay, endDay, mappingFile, dataDir, mappingJqEnv, portConcurrency,
                databaseUrl, databaseUser, databasePassword, managementPort, githubApp, network, syncKinds, shutdownTimeoutSeconds, recordWorkers,
                reportLineLimitMb, retry, true);
    }

    /** Cluster mode: the Quartz job store and the sync state in PostgreSQL. */
    public boolean clustered() {
        return !databaseUrl.isEmpty();
    }

    /** GitHub App authentication is configured: organizations use its installation tokens. */
    public boolean usesGitHubApp() {
        return githubApp != null;
    }

    /** The values Camel routes read as {@code {{name}}} placeholders; secrets stay out of them. */
    public Map<String, String> routeProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("github.api-url", trimSlash(githubApiUrl.toString()));
        p.put("github.api-version", githubApiVersion);
        p.put("github.auth", usesGitHubApp() ? "app" : "token");
        p.put("port.api-url", trimSlash(portApiUrl.toString()));
        p.put("sync.cron", syncCron);
        p.put("camel.main.shutdown-timeout", Integer.toString(shutdownTimeoutSeconds));
        return p;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Reader(Function<String, String> env) {
        String optional(String name, String fallback) {
            String v = env.apply(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        String required(String name) {
            String v = optional(name, null);
            if (v == null) {
                throw new ConfigurationException(name + " is not set: " + hint(name));
            }
            return v;
        }

        URI url(String name, String fallback) {
            String v = optional(name, fallback);
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme();
                if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
                    throw new ConfigurationException(name + " must be an http(s) URL with a host, got '" + v + "'");
                }
                if ("http".equals(scheme) && !isLoopback(uri.getHost())) {
                    throw new ConfigurationException(name + " uses plain http:// for " + uri.getHost()
                            + ": only loopback stand-ins may go without TLS, use https://");
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new ConfigurationException(name + " is not a valid URL: '" + v + "'");
            }
        }

        String apiVersion(String name, String fallback) {
            String v = optional(name, fallback);
            day(name, v);
            return v;
        }

        List<String> list(String name) {
            String v = optional(name, "");
            List<String> items = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            for (String item : items) {
                if (!item.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                    throw new ConfigurationException(name + " holds '" + item
                            + "', which is not an organization login (letters, digits and hyphens)");
                }
            }
            StartupChecks.organizations(name, env.apply(name), items);
            return items;
        }

        /** Kind names as the mapping file writes them; whether the mapping has them is checked where it is read. */
        List<String> kinds(String name) {
            List<String> kinds = Arrays.stream(optional(name, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .distinct().toList();
            for (String kind : kinds) {
                if (!kind.matches("[a-z][a-z-]*")) {
                    throw new ConfigurationException(name + " holds '" + kind + "', which is not a kind name such as user-usage-metrics");
                }
            }
            return kinds;
        }

        String jdbc(String name) {
            String v = optional(name, "");
            if (!v.isEmpty() && !v.startsWith("jdbc:postgresql://")) {
                throw new ConfigurationException(name + " must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE), got '" + v + "'");
            }
            return v;
        }

        int integer(String name, int fallback, int min, int max) {
            String v = optional(name, Integer.toString(fallback));
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigurationException(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }

        boolean bool(String name) {
            String v = optional(name, "false").toLowerCase();
            if (!v.equals("true") && !v.equals("false")) {
                throw new ConfigurationException(name + " must be true or false, got '" + v + "'");
            }
            return v.equals("true");
        }

        String slug(String name) {
            String v = optional(name, "");
            if (!v.isEmpty() && !v.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                throw new ConfigurationException(name + " holds '" + v + "', which is not an enterprise slug (letters, digits and hyphens)");
            }
            return v;
        }

        String cron(String name, String fallback) {
            String v = optional(name, fallback);
            try {
                org.quartz.CronExpression.validateExpression(v);
            } catch (java.text.ParseException e) {
                throw new ConfigurationException(name + " is not a Quartz cron expression ('" + v + "'): "
                        + e.getMessage() + "; example: '" + DEFAULT_CRON + "' (seconds first)");
            }
            StartupChecks.cron(name, v, new java.util.Date());
            return v;
        }

        LocalDate day(String name) {
            String v = optional(name, null);
            return v == null ? null : day(name, v);
        }

        LocalDate day(String name, String v) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(name + " must be a day as YYYY-MM-DD, got '" + v + "'");
            }
        }

        private static String hint(String name) {
            return switch (name) {
                case "GITHUB_TOKEN" -> "a token that can read Copilot metrics (classic: read:org or manage_billing:copilot;"
                        + " fine-grained: organization permission 'Administration' or 'Copilot metrics' read),"
                        + " or a GitHub App (GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY)";
                case "PORT_CLIENT_ID", "PORT_CLIENT_SECRET" -> "take both from Port: Settings > Credentials";
                default -> "see README, Configuration";
            };
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
