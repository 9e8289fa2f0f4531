package io.copilotportsync.http;

/**
 * What the retry policies and the pacer learn from each answer, for /observe/metrics: the remaining rate-limit
 * budgets and Port's answers by status. The sync's metrics implement it, so that http needs nothing of the sync.
 */
public interface CallFigures {
    /** GitHub's x-ratelimit-remaining at an answer that carried it. */
    void githubRemaining(long remaining);

    /** Port's x-ratelimit-remaining at an answer that carried it, per budget (api: entities or other). */
    void portRemaining(String api, long remaining);

    /** Port answered a call with this status. */
    void portAnswer(int status);
}
