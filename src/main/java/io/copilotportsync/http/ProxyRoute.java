package io.copilotportsync.http;

import io.copilotportsync.config.HttpsProxy;
import io.copilotportsync.config.NoProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Which way a call goes, for the JDK's HttpClient and camel-http's alike: https:// URLs through the proxy unless
 * NO_PROXY lists the host; plain http:// (loopback stand-ins only) always direct, as curl, which reads
 * {@code https_proxy} for https:// URLs only.
 */
public final class ProxyRoute extends ProxySelector {
    private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

    private final HttpsProxy proxy;
    private final NoProxy noProxy;

    public ProxyRoute(HttpsProxy proxy, NoProxy noProxy) {
        this.proxy = proxy;
        this.noProxy = noProxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (proxy == null || !"https".equalsIgnoreCase(uri.getScheme()) || noProxy.bypasses(uri.getHost())) {
            return DIRECT;
        }
        // resolved on each call, so that a proxy whose address changes is followed as DNS says
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.host(), proxy.port())));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // one proxy and no fallback: the call's own error reports the failure
    }
}
