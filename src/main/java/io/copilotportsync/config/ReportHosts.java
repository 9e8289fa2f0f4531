package io.copilotportsync.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The hosts a report download link may point at: exact names, or {@code *.suffix} for any subdomain. */
public record ReportHosts(List<String> patterns) {

    static ReportHosts parse(String variable, String value) {
        List<String> patterns = Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        for (String p : patterns) {
            if (!p.matches("(\\*\\.)?[a-z0-9.-]+")) {
                throw new ConfigurationException(variable + " holds '" + p + "', which is not a host name or *.domain");
            }
        }
        return new ReportHosts(patterns);
    }

    public static ReportHosts of(String commaList) {
        return parse("GITHUB_REPORT_HOSTS", commaList);
    }

    public boolean allows(URI link) {
        String host = link.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Signed links only travel over TLS; plain http is for loopback stand-ins. */
    public boolean schemeAcceptable(URI link) {
        return "https".equals(link.getScheme())
                || ("http".equals(link.getScheme()) && link.getHost() != null && SyncSettings.isLoopback(link.getHost()));
    }
}
