package io.copilotportsync.sync;

import io.copilotportsync.config.ConfigurationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of DESIGN.md and, for those this version syncs, the GitHub report they come from.
 * A kind in the mapping file that is not listed here is a typo and stops start-up.
 */
public enum SourceKind {
    ORGANIZATION_USAGE("organization-usage-metrics", "organization-1-day"),
    USER_USAGE("user-usage-metrics", "users-1-day"),
    ORGANIZATION_USER_USAGE("organization-user-usage-metrics", "users-1-day"),
    ENTERPRISE_USAGE("enterprise-usage-metrics", null),
    ENTERPRISE_USER_USAGE("enterprise-user-usage-metrics", null),
    TEAM_USAGE("team-usage-metrics", null),
    SEATS("copilot-seats", null),
    BILLING("copilot-billing", null),
    LEGACY_ORGANIZATION("copilot-organization-metrics", null),
    LEGACY_TEAM("copilot-team-metrics", null),
    LEGACY_ENTERPRISE("copilot-enterprise-metrics", null);

    private final String kind;
    private final String organizationReport;

    SourceKind(String kind, String organizationReport) {
        this.kind = kind;
        this.organizationReport = organizationReport;
    }

    public String kind() {
        return kind;
    }

    /** The 1-day organization report ({@code /orgs/{org}/copilot/metrics/reports/NAME}), if this version syncs the kind. */
    public Optional<String> organizationReport() {
        return Optional.ofNullable(organizationReport);
    }

    public static SourceKind of(String kind, Path mappingFile) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst()
                .orElseThrow(() -> new ConfigurationException(mappingFile + ": kind '" + kind + "' is unknown; known kinds: "
                        + String.join(", ", Arrays.stream(values()).map(SourceKind::kind).toList())));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(SourceKind::kind).toList();
    }
}
