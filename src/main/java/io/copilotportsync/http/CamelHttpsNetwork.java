package io.copilotportsync.http;

import io.copilotportsync.config.HttpsProxy;
import org.apache.camel.Component;
import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;

/**
 * camel-http's side of {@link Network}: the {@code https} component routes through the same {@link ProxyRoute},
 * answers the proxy's challenge with its credentials, and trusts the same CAs. Only {@code https}: an
 * SSLContextParameters on the {@code http} component would turn its http:// endpoints into https://.
 */
final class CamelHttpsNetwork implements ComponentCustomizer {
    private final ProxyRoute route;
    private final HttpsProxy proxy;
    private final javax.net.ssl.X509TrustManager trust;

    CamelHttpsNetwork(ProxyRoute route, HttpsProxy proxy, javax.net.ssl.X509TrustManager trust) {
        this.route = route;
        this.proxy = proxy;
        this.trust = trust;
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return "https".equals(name) && target instanceof HttpComponent;
    }

    @Override
    public void configure(String name, Component target) {
        HttpComponent https = (HttpComponent) target;
        if (proxy != null) {
            HttpClientConfigurer viaProxy = builder -> {
                builder.setRoutePlanner(new SystemDefaultRoutePlanner(route));
                if (proxy.authenticates()) {
                    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                    credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
                            new UsernamePasswordCredentials(proxy.user(), proxy.password().toCharArray()));
                    builder.setDefaultCredentialsProvider(credentials);
                }
            };
            https.setHttpClientConfigurer(CompositeHttpConfigurer.combineConfigurers(https.getHttpClientConfigurer(), viaProxy));
        }
        if (trust != null) {
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setTrustManager(trust);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trustManagers);
            // the JDK's default protocols, as the JDK's HttpClient uses, rather than Camel's default TLSv1.3 context
            tls.setSecureSocketProtocol("TLS");
            https.setSslContextParameters(tls);
        }
    }
}
