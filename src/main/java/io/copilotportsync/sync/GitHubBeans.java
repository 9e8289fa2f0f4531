package io.copilotportsync.sync;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.github.GitHubJson;
import io.copilotportsync.github.GitHubRequest;
import io.copilotportsync.github.InstallationTokens;
import io.copilotportsync.github.ReportDownload;
import io.copilotportsync.http.GitHubRetry;
import io.copilotportsync.http.Network;
import io.copilotportsync.http.RetryTimings;
import java.time.Clock;
import java.util.Map;

/** The beans that call GitHub, by the names routes/ uses: the request (token or App), its retry, its JSON, the downloads. */
final class GitHubBeans {
    private GitHubBeans() {
    }

    static void put(Map<String, Object> beans, SyncSettings settings, RetryTimings timings, Clock clock, SyncMetrics metrics,
                    Network network) {
        String githubApi = settings.routeProperties().get("github.api-url");
        beans.put("githubRequest", new GitHubRequest(githubApi, settings.githubToken(), settings.githubApiVersion(),
                settings.usesGitHubApp() ? new InstallationTokens(githubApi, settings.githubApiVersion(), settings.githubApp(),
                        Clock.systemUTC(), timings, network) : null));
        beans.put("githubRetry", new GitHubRetry(timings, clock, metrics));
        beans.put("githubJson", new GitHubJson());
        beans.put("reportDownload", new ReportDownload(settings.reportHosts(), network, settings.reportLineLimitMb()));
    }
}
