package io.copilotportsync.github;

/**
 * Work done for one scope, as the exchange property {@code job} (the sync's SyncJob): GitHubRequest picks an
 * organization's installation token by it.
 */
public interface ScopedJob {
    Scope scope();
}
