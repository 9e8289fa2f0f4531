package io.copilotportsync.sync;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.github.Scope;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Enterprise endpoints refuse GitHub App tokens: with an App, the enterprise kinds still need GITHUB_TOKEN (a
 * classic token). Checked where the mapping's kinds are known, before anything connects.
 */
public final class EnterpriseCredentials {
    private EnterpriseCredentials() {
    }

    /** Stops start-up when an App is configured, the mapping reads the enterprise, and GITHUB_TOKEN is missing. */
    public static void require(SyncSettings settings, Collection<String> kinds) {
        String problem = problem(settings, kinds);
        if (problem != null) {
            throw new ConfigurationException(problem);
        }
    }

    /** The problem as one line, or null when there is none. */
    public static String problem(SyncSettings settings, Collection<String> kinds) {
        if (!settings.usesGitHubApp() || !settings.githubToken().isEmpty() || settings.githubEnterprise().isEmpty()) {
            return null;
        }
        List<String> enterpriseKinds = enterpriseKinds(kinds, settings.mappingFile());
        if (enterpriseKinds.isEmpty()) {
            return null;
        }
        return "GITHUB_TOKEN is not set, and GITHUB_ENTERPRISE '" + settings.githubEnterprise() + "' with the kinds "
                + enterpriseKinds + " of " + settings.mappingFile() + " needs it: enterprise endpoints refuse GitHub App "
                + "tokens; set GITHUB_TOKEN to a classic token with read:enterprise or manage_billing:copilot (the App "
                + "still serves the organizations), or unset GITHUB_ENTERPRISE";
    }

    private static List<String> enterpriseKinds(Collection<String> kinds, Path mappingFile) {
        return kinds.stream().filter(k -> SourceKind.of(k, mappingFile).reads(Scope.Type.ENTERPRISE)).distinct().toList();
    }
}
