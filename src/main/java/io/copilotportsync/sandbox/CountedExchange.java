package io.copilotportsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A bulk upsert of the Port stand-in, counted in flight until its answer's headers go out (how many overlap). */
final class CountedExchange extends com.sun.net.httpserver.HttpExchange {
    private final HttpExchange delegate;
    private final AtomicInteger inFlight;
    private boolean released;

    CountedExchange(HttpExchange delegate, AtomicInteger inFlight) {
        this.delegate = delegate;
        this.inFlight = inFlight;
    }

    void release() {
        if (!released) {
            released = true;
            inFlight.decrementAndGet();
        }
    }

    @Override public com.sun.net.httpserver.Headers getRequestHeaders() { return delegate.getRequestHeaders(); }
    @Override public com.sun.net.httpserver.Headers getResponseHeaders() { return delegate.getResponseHeaders(); }
    @Override public java.net.URI getRequestURI() { return delegate.getRequestURI(); }
    @Override public String getRequestMethod() { return delegate.getRequestMethod(); }
    @Override public com.sun.net.httpserver.HttpContext getHttpContext() { return delegate.getHttpContext(); }
    @Override public void close() { delegate.close(); }
    @Override public java.io.InputStream getRequestBody() { return delegate.getRequestBody(); }
    @Override public java.io.OutputStream getResponseBody() { return delegate.getResponseBody(); }
    @Override public void sendResponseHeaders(int code, long length) throws IOException {
        release();
        delegate.sendResponseHeaders(code, length);
    }
    @Override public java.net.InetSocketAddress getRemoteAddress() { return delegate.getRemoteAddress(); }
    @Override public int getResponseCode() { return delegate.getResponseCode(); }
    @Override public java.net.InetSocketAddress getLocalAddress() { return delegate.getLocalAddress(); }
    @Override public String getProtocol() { return delegate.getProtocol(); }
    @Override public Object getAttribute(String name) { return delegate.getAttribute(name); }
    @Override public void setAttribute(String name, Object value) { delegate.setAttribute(name, value); }
    @Override public void setStreams(java.io.InputStream i, java.io.OutputStream o) { delegate.setStreams(i, o); }
    @Override public com.sun.net.httpserver.HttpPrincipal getPrincipal() { return delegate.getPrincipal(); }
}
