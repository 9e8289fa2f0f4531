package io.copilotportsync.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A credential request on the JDK's HTTP client, tried again under the same {@link RetryTimings} as the routes' calls:
 * 429 and 5xx as Retry-After says (a wait beyond RETRY_MAX_WAIT fails it at once), else with backoff; network errors
 * back off; an untrusted certificate is not tried again (the same one comes back). Port's access token and a GitHub
 * App's installation tokens are asked for outside the routes (at a run's start, by {@code --check}) and under their
 * cache's lock, which every call that needs them waits on anyway; the routes' own calls retry through Camel's
 * redelivery ({@link CallRetry}).
 */
public final class RetriedRequest {
    private static final Logger LOG = LoggerFactory.getLogger(RetriedRequest.class);

    private RetriedRequest() {
    }

    /**
     * Sends the request (built again for each attempt: a JWT may be renewed in between) until it is answered with
     * neither 429 nor 5xx, or the attempts are used up; the last answer is returned, the last network error thrown.
     *
     * @param who "GitHub" or "Port"
     * @param what the request in words, for messages: "an access token", "the GitHub App's POST /app/..."
     * @param failedAttempt told of each attempt that failed (a 429, a 5xx, no answer), in one line; the scope breaker
     *                      counts them, and may end the retries by throwing
     */
    public static HttpResponse<String> send(HttpClient client, Supplier<HttpRequest> request, RetryTimings timings,
                                            String who, String what, Consumer<String> failedAttempt)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest attemptRequest = request.get();
            Duration wait;
            try {
                HttpResponse<String> answer = client.send(attemptRequest, HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status != 429 && status < 500) {
                    return answer;
                }
                failedAttempt.accept(who + " answered " + status + " for " + what);
                if (attempt >= timings.maxAttempts()) {
                    return answer;
                }
                Long retryAfter = RetryTimings.headerNumber(answer.headers().firstValue("Retry-After").orElse(null));
                wait = timings.retryAfterOrBackoff(retryAfter, attempt, who,
                        attemptRequest.method() + " " + attemptRequest.uri().getPath());
                LOG.warn("{} answered {} for {}: waiting {} ms before attempt {}", who, status, what, wait.toMillis(), attempt + 1);
            } catch (IOException e) {
                failedAttempt.accept(what + " failed: " + Network.explain(e));
                if (attempt >= timings.maxAttempts() || Network.untrustedCertificate(e)) {
                    throw e;
                }
                wait = timings.backoff(attempt);
                LOG.warn("{} failed ({}): retrying in {} ms", what, e.getMessage(), wait.toMillis());
            }
            Thread.sleep(wait.toMillis());
        }
    }
}
