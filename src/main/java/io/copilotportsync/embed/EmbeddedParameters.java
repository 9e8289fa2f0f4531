package io.copilotportsync.embed;

import io.copilotportsync.config.ClasspathFile;
import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parameters of the Kamelet and the route template, as the properties Camel sets on an {@link EmbeddedSync}: each
 * sets the variable of README's table it stands for ({@link ParameterNames}), and together they make the instance's
 * {@link SyncSettings}, checked as the jar checks its environment.
 */
public abstract class EmbeddedParameters {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSync.class);

    private final Map<String, String> environment = new LinkedHashMap<>();

    /** The settings the parameters make, checked as the jar checks its environment; warnings name {@code instance}. */
    SyncSettings settings(String instance) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putIfAbsent("MAPPING_FILE", ClasspathFile.SHIPPED_MAPPING);
        if (!env.containsKey("DATA_DIR")) {
            throw new ConfigurationException("parameter dataDir is not set: give each instance a directory of its own for"
                    + " its sync state and dead letters");
        }
        SyncSettings settings;
        try {
            settings = SyncSettings.from(env::get, true);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ParameterNames.inMessage(e.getMessage()));
        }
        io.copilotportsync.config.StartupChecks.warnings(settings, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .forEach(warning -> LOG.warn("{}: {}", instance, ParameterNames.inMessage(warning)));
        return settings;
    }

    private void set(String variable, String value) {
        if (value == null || value.isBlank()) {
            environment.remove(variable);
        } else {
            environment.put(variable, value.trim());
        }
    }

    /** The application's Quartz fires on it; the bean checks it as the jar checks SYNC_CRON. */
    public void setSchedule(String value) {
        set("SYNC_CRON", value);
    }

    public void setGithubToken(String value) {
        set("GITHUB_TOKEN", value);
    }

    public void setGithubApiUrl(String value) {
        set("GITHUB_API_URL", value);
    }

    public void setGithubOrgs(String value) {
        set("GITHUB_ORGS", value);
    }

    public void setGithubEnterprise(String value) {
        set("GITHUB_ENTERPRISE", value);
    }

    public void setGithubReportHosts(String value) {
        set("GITHUB_REPORT_HOSTS", value);
    }

    public void setPortApiUrl(String value) {
        set("PORT_API_URL", value);
    }

    public void setPortClientId(String value) {
        set("PORT_CLIENT_ID", value);
    }

    public void setPortClientSecret(String value) {
        set("PORT_CLIENT_SECRET", value);
    }

    public void setKinds(String value) {
        set("SYNC_KINDS", value);
    }

    public void setMappingFile(String value) {
        set("MAPPING_FILE", value);
    }

    public void setDataDir(String value) {
        set("DATA_DIR", value);
    }

    public void setStartDay(String value) {
        set("SYNC_START_DAY", value);
    }

    public void setEndDay(String value) {
        set("SYNC_END_DAY", value);
    }

    public void setGithubAppId(String value) {
        set("GITHUB_APP_ID", value);
    }

    public void setGithubAppPrivateKey(String value) {
        set("GITHUB_APP_PRIVATE_KEY", value);
    }

    public void setGithubAppInstallationId(String value) {
        set("GITHUB_APP_INSTALLATION_ID", value);
    }

    public void setHttpsProxy(String value) {
        set("HTTPS_PROXY", value);
    }

    public void setNoProxy(String value) {
        set("NO_PROXY", value);
    }

    public void setCaFile(String value) {
        set("GITHUB_CA_FILE", value);
    }

    public void setGithubApiVersion(String value) {
        set("GITHUB_API_VERSION", value);
    }

    /** The App's .pem file, read when the instance starts, instead of its text in githubAppPrivateKey. */
    public void setGithubAppPrivateKeyFile(String value) {
        set("GITHUB_APP_PRIVATE_KEY_FILE", value);
    }

    public void setPortConcurrency(String value) {
        set("PORT_CONCURRENCY", value);
    }

    /** Cluster mode: the sync state in PostgreSQL, shared by the application's replicas. */
    public void setDatabaseUrl(String value) {
        set("SYNC_DATABASE_URL", value);
    }

    public void setDatabaseUser(String value) {
        set("SYNC_DATABASE_USER", value);
    }

    public void setDatabasePassword(String value) {
        set("SYNC_DATABASE_PASSWORD", value);
    }

    public void setRecordWorkers(String value) {
        set("RECORD_WORKERS", value);
    }

    public void setGithubReportLineLimitMb(String value) {
        set("GITHUB_REPORT_LINE_LIMIT_MB", value);
    }

    public void setRetryMaxWait(String value) {
        set("RETRY_MAX_WAIT", value);
    }

    public void setGithubFailuresBeforeSkip(String value) {
        set("GITHUB_FAILURES_BEFORE_SKIP", value);
    }

    /** Seconds the instance's context gives the batches in flight when it stops (the host's own shutdown waits too). */
    public void setShutdownTimeout(String value) {
        set("SHUTDOWN_TIMEOUT", value);
    }
}
