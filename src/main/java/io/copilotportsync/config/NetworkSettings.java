package io.copilotportsync.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * How calls reach GitHub and Port: through the proxy of {@code HTTPS_PROXY} (or {@code https_proxy}) except for the
 * hosts of {@code NO_PROXY} (or {@code no_proxy}), trusting the CAs of {@code GITHUB_CA_FILE} besides the JDK's.
 * The lower-case variable wins when both are set, as in curl.
 *
 * @param proxy null: every call goes direct
 * @param caBundle null: the JDK's trust store alone
 */
public record NetworkSettings(HttpsProxy proxy, NoProxy noProxy, CaBundle caBundle) {
    public static final NetworkSettings DIRECT = new NetworkSettings(null, NoProxy.NONE, null);

    static NetworkSettings from(Function<String, String> env) {
        String proxyVariable = set(env, "https_proxy") ? "https_proxy" : "HTTPS_PROXY";
        String noProxyVariable = set(env, "no_proxy") ? "no_proxy" : "NO_PROXY";
        HttpsProxy proxy = set(env, proxyVariable) ? HttpsProxy.parse(proxyVariable, env.apply(proxyVariable).trim()) : null;
        NoProxy noProxy = set(env, noProxyVariable) ? NoProxy.parse(noProxyVariable, env.apply(noProxyVariable)) : NoProxy.NONE;
        CaBundle ca = set(env, "GITHUB_CA_FILE") ? CaBundle.read("GITHUB_CA_FILE", Path.of(env.apply("GITHUB_CA_FILE").trim())) : null;
        return new NetworkSettings(proxy, noProxy, ca);
    }

    private static boolean set(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v != null && !v.isBlank();
    }
}
