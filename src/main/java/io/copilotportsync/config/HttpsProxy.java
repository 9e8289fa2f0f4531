package io.copilotportsync.config;

import io.copilotportsync.logging.SecretRedactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The proxy of {@code HTTPS_PROXY}: {@code http://host:port}, optionally {@code http://user:password@host:port} for
 * Basic proxy authentication. The password is registered as a secret, in every form a log could show it in.
 */
public record HttpsProxy(String host, int port, String user, String password) {

    static HttpsProxy parse(String variable, String value) {
        String text = value.contains("://") ? value : "http://" + value;   // curl reads a bare host:port as http://
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(variable + " is not a proxy URL; expected http://host:port or http://user:password@host:port");
        }
        String rawUserInfo = uri.getRawUserInfo();
        if (rawUserInfo != null && rawUserInfo.contains(":")) {
            // before anything can print the value, even in an error message
            SecretRedactor.register(rawUserInfo);
            SecretRedactor.register(rawUserInfo.substring(rawUserInfo.indexOf(':') + 1));
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ConfigurationException(variable + " uses " + uri.getScheme() + "://; only an http:// proxy is supported"
                    + " (https:// calls still travel encrypted through it, in a CONNECT tunnel)");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigurationException(variable + " needs a host and a port: http://host:port (for example http://proxy.example.com:3128)");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/") || uri.getRawQuery() != null) {
            throw new ConfigurationException(variable + " has a path or query; give only http://host:port");
        }
        String user = null;
        String password = null;
        if (rawUserInfo != null) {
            int colon = rawUserInfo.indexOf(':');
            try {
                user = percentDecoded(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
                password = colon < 0 ? "" : percentDecoded(rawUserInfo.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(variable + ": the user or password holds a broken %-escape; write a '%' as %25");
            }
            SecretRedactor.register(password);
            // what a Proxy-Authorization header carries, should HTTP client headers be logged
            SecretRedactor.register(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return new HttpsProxy(uri.getHost(), uri.getPort(), user, password);
    }

    /** Percent-decoding as in a URL's user info: a '+' stays a '+' (URLDecoder alone would make it a space). */
    private static String percentDecoded(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public boolean authenticates() {
        return user != null;
    }

    /** host:port, never the credentials: what logs and messages may show. */
    @Override
    public String toString() {
        return "http://" + host + ":" + port + (authenticates() ? " (as " + user + ")" : "");
    }
}
