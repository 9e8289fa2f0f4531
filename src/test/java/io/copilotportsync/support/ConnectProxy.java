package io.copilotportsync.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTPS proxy as companies run them: it answers CONNECT host:port with a tunnel to where its own map sends
 * that host (there is no DNS here), optionally only after Basic authentication, and records every CONNECT.
 */
public final class ConnectProxy implements AutoCloseable {

    /** One CONNECT as the proxy got it: the target, the Proxy-Authorization header (or null), and what it answered. */
    public record Connect(String target, String authorization, int status) {
        public String host() {
            return target.substring(0, target.lastIndexOf(':'));
        }
    }

    private final ServerSocket server;
    private final Map<String, InetSocketAddress> hosts = new ConcurrentHashMap<>();
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    public ConnectProxy() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** CONNECTs to this host (any port) go to the given address. */
    public ConnectProxy route(String host, InetSocketAddress to) {
        hosts.put(host.toLowerCase(Locale.ROOT), to);
        return this;
    }

    /** From now on a CONNECT without these Basic credentials gets 407. */
    public void requireLogin(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public List<Connect> connects() {
        return List.copyOf(connects);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "test-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                client.close();
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            String authorization = head.stream().skip(1).filter(h -> h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
                    .map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse(null);
            if (!requestLine[0].equals("CONNECT")) {
                answer(client, out, requestLine[1], authorization, 405, "");
                return;
            }
            String target = requestLine[1];
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                answer(client, out, target, authorization, 407, "Proxy-Authenticate: Basic realm=\"test-proxy\"\r\n");
                return;
            }
            InetSocketAddress to = hosts.get(target.substring(0, target.lastIndexOf(':')).toLowerCase(Locale.ROOT));
            if (to == null) {
                answer(client, out, target, authorization, 502, "");
                return;
            }
            Socket upstream = new Socket(to.getAddress(), to.getPort());
            sockets.add(upstream);
            connects.add(new Connect(target, authorization, 200));
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread back = new Thread(() -> pump(upstream, client), "test-proxy-pump");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void answer(Socket client, OutputStream out, String target, String authorization, int status, String headers)
            throws IOException {
        connects.add(new Connect(target, authorization, status));
        out.write(("HTTP/1.1 " + status + " Test proxy\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.close();
    }

    /** The request line and headers, read byte by byte so that nothing of the tunnel's first bytes is taken. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return List.of(text.trim().split("\r\n"));
            }
        }
        return List.of();
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[1 << 14];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed: the tunnel ends
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(ConnectProxy::closeQuietly);
    }
}
