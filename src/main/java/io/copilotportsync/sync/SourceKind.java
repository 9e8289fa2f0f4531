package io.copilotportsync.sync;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.github.Scope;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The kinds of DESIGN.md: which scopes each one reads, which route does the work (see routes/), and for the daily
 * reports the report name under {@code /copilot/metrics/reports/}. A kind the mapping file names that is not here
 * is a typo and stops start-up.
 */
public enum SourceKind {
    ORGANIZATION_USAGE("organization-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ORGANIZATION), "organization-1-day", null),
    USER_USAGE("user-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ORGANIZATION), "users-1-day", null),
    ORGANIZATION_USER_USAGE("organization-user-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ORGANIZATION), "users-1-day", null),
    ENTERPRISE_USAGE("enterprise-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ENTERPRISE), "enterprise-1-day", null),
    ENTERPRISE_USER_USAGE("enterprise-user-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ENTERPRISE), "users-1-day", null),
    REPOSITORY_USAGE("repository-usage-metrics", Family.DAILY_REPORT, Set.of(Scope.Type.ORGANIZATION, Scope.Type.ENTERPRISE), "repos-1-day", null),
    TEAM_USAGE("team-usage-metrics", Family.TEAM_REPORT, Set.of(Scope.Type.ORGANIZATION, Scope.Type.ENTERPRISE), null, null),
    SEATS("copilot-seats", Family.SEATS, Set.of(Scope.Type.ORGANIZATION, Scope.Type.ENTERPRISE), null, null),
    BILLING("copilot-billing", Family.BILLING, Set.of(Scope.Type.ORGANIZATION), null, null),
    LEGACY_ORGANIZATION("copilot-organization-metrics", Family.LEGACY_METRICS, Set.of(Scope.Type.ORGANIZATION), null, "organization-usage-metrics"),
    LEGACY_TEAM("copilot-team-metrics", Family.LEGACY_TEAM_METRICS, Set.of(Scope.Type.ORGANIZATION), null, "team-usage-metrics"),
    LEGACY_ENTERPRISE("copilot-enterprise-metrics", Family.LEGACY_METRICS, Set.of(Scope.Type.ENTERPRISE), null, "enterprise-usage-metrics"),
    AI_CREDIT_USAGE("copilot-ai-credit-usage", Family.AI_CREDIT_USAGE, Set.of(Scope.Type.ORGANIZATION, Scope.Type.ENTERPRISE), null, null);

    /** How a kind is read; each family is one route (route sync-job in routes/sync-run.camel.yaml picks it). */
    public enum Family {
        DAILY_REPORT(true),
        /** Many days of a daily report kind from its 28-day report (see {@link SourceKind#latestReport()}). */
        LATEST_REPORT(true),
        TEAM_REPORT(true),
        SEATS(false),
        BILLING(false),
        LEGACY_METRICS(false),
        LEGACY_TEAM_METRICS(false),
        /** GitHub's billing API, one call per scope and day, recorded day by day like the reports. */
        AI_CREDIT_USAGE(true);

        private final boolean daily;

        Family(boolean daily) {
            this.daily = daily;
        }

        public boolean daily() {
            return daily;
        }
    }

    private final String kind;
    private final Family family;
    private final Set<Scope.Type> scopes;
    private final String report;
    private final String replacement;

    SourceKind(String kind, Family family, Set<Scope.Type> scopes, String report, String replacement) {
        this.kind = kind;
        this.family = family;
        this.scopes = scopes;
        this.report = report;
        this.replacement = replacement;
    }

    public String kind() {
        return kind;
    }

    public Family family() {
        return family;
    }

    public boolean reads(Scope.Type type) {
        return scopes.contains(type);
    }

    /** The daily report name, for the daily-report family. */
    public String report() {
        return report;
    }

    /**
     * The 28-day report of the same rows (one manifest for the latest 28 days), for the daily-report family; null for
     * a daily report GitHub serves no 28-day report of, whose days are then always read one by one.
     */
    public String latestReport() {
        return family == Family.DAILY_REPORT && !ONLY_DAILY.contains(report) ? report.replace("-1-day", "-28-day") + "/latest" : null;
    }

    /**
     * GitHub documents repos-1-day alone: its REST reference and changelog (2026-07-17) name no repos-28-day report, so
     * none is asked for.
     */
    private static final Set<String> ONLY_DAILY = Set.of("repos-1-day");

    /** For a legacy kind: the kind that replaces it since GitHub closed the legacy endpoints. */
    public String replacement() {
        return replacement;
    }

    public boolean legacy() {
        return replacement != null;
    }

    public static SourceKind of(String kind, Path mappingFile) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst()
                .orElseThrow(() -> new ConfigurationException(mappingFile + ": kind '" + kind + "' is unknown; known kinds: "
                        + String.join(", ", names())));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(SourceKind::kind).toList();
    }
}
