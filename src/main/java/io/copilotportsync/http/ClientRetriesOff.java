package io.copilotportsync.http;

import org.apache.camel.Component;
import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off HttpClient 5's own retries on camel-http's {@code http} and {@code https} components. Its default
 * strategy retries a 429 or 503 once, sleeping whatever Retry-After says (a day, if asked), and some I/O errors,
 * before our policy (GitHubRetry, PortRetry) sees the answer: then no cap holds and no attempt is counted.
 */
public final class ClientRetriesOff implements ComponentCustomizer {

    @Override
    public boolean isEnabled(String name, Component target) {
        return ("http".equals(name) || "https".equals(name)) && target instanceof HttpComponent;
    }

    @Override
    public void configure(String name, Component target) {
        HttpComponent http = (HttpComponent) target;
        HttpClientConfigurer off = HttpClientBuilder::disableAutomaticRetries;
        http.setHttpClientConfigurer(http.getHttpClientConfigurer() == null ? off
                : CompositeHttpConfigurer.combineConfigurers(http.getHttpClientConfigurer(), off));
    }
}
