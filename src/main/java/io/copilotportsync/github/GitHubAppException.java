package io.copilotportsync.github;

/** GitHub refused the App's JWT, or has no installation of the App where one is needed: the message says what to fix. */
public final class GitHubAppException extends RuntimeException {
    public GitHubAppException(String message) {
        super(message);
    }
}
