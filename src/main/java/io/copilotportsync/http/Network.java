package io.copilotportsync.http;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.HttpsProxy;
import io.copilotportsync.config.NetworkSettings;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.apache.camel.spi.ComponentCustomizer;

/**
 * The one place that knows how calls reach GitHub and Port: the proxy (HTTPS_PROXY, NO_PROXY) and the trusted CAs
 * (the JDK's, plus GITHUB_CA_FILE). It hands the same route and trust to the JDK's HttpClient (report links, Port's
 * token, {@code validate}) and to camel-http (the GitHub API and Port calls in the routes).
 */
public final class Network {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Network.class);

    static {
        // The JDK's HttpClient refuses Basic authentication to a proxy for https:// tunnels unless this is set before its
        // first use; the user chose to give the proxy credentials, so it may have them. A value set by the user stands.
        if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    private final NetworkSettings settings;
    private final ProxyRoute route;
    private final X509TrustManager trust;
    private final SSLContext tls;

    public Network(NetworkSettings settings) {
        this.settings = settings;
        this.route = new ProxyRoute(settings.proxy(), settings.noProxy());
        try {
            this.trust = settings.caBundle() == null ? null : TrustedCertificates.jdkDefaultsAnd(settings.caBundle().certificates());
            this.tls = trust == null ? null : TrustedCertificates.context(trust);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("GITHUB_CA_FILE (" + settings.caBundle().file() + ") cannot be trusted: " + e.getMessage(), e);
        }
    }

    /** Every call direct, the JDK's trust store alone. */
    public static Network direct() {
        return new Network(NetworkSettings.DIRECT);
    }

    /** A JDK HttpClient builder that goes the configured way and trusts the configured CAs; callers add timeouts. */
    public HttpClient.Builder httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().proxy(route);
        HttpsProxy proxy = settings.proxy();
        if (proxy != null && proxy.authenticates()) {
            builder.authenticator(new ProxyLogin(proxy));
        }
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder;
    }

    /** Configures camel-http's {@code https} component the same way; bound in the registry, Camel applies it. */
    public ComponentCustomizer camelHttps() {
        return new CamelHttpsNetwork(route, settings.proxy(), trust);
    }

    /** One line for the log: which way calls go and what is trusted; never the proxy's credentials. */
    public String describe() {
        String way = settings.proxy() == null ? "https calls go direct"
                : "https calls go through the proxy " + settings.proxy()
                + (settings.noProxy().entries().isEmpty() ? "" : ", except to " + String.join(",", settings.noProxy().entries()));
        String ca = settings.caBundle() == null ? "" : "; trusted besides the JDK's CAs: " + settings.caBundle().certificates().size()
                + " certificate(s) from " + settings.caBundle().file();
        return way + ca;
    }

    /** Logs {@link #describe()} when a proxy or a CA file is configured. */
    public void logSetup() {
        if (settings.proxy() != null || settings.caBundle() != null) {
            LOG.info("Network: {}", describe());
        }
    }

    /**
     * True when a call failed because the server's certificate chain leads to no trusted CA: no retry helps, while
     * GITHUB_CA_FILE may (a company proxy that inspects TLS, or a company CA).
     */
    public static boolean untrustedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message, with the fix when the certificate is not trusted. */
    public static String explain(Throwable failure) {
        return failure.getMessage() + (untrustedCertificate(failure) ? "; the server's certificate is signed by a CA this JVM does not"
                + " trust: if a company proxy or CA signs it, give that CA's certificate (PEM) as GITHUB_CA_FILE" : "");
    }

    /** Answers the proxy's challenge, and nobody else's: servers get no password from here. */
    private static final class ProxyLogin extends Authenticator {
        private final HttpsProxy proxy;

        ProxyLogin(HttpsProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY
                    ? new PasswordAuthentication(proxy.user(), proxy.password().toCharArray()) : null;
        }
    }
}
