package io.copilotportsync.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test CA, made with the JDK's keytool, and a server certificate it signed for the stand-ins' names and loopback
 * addresses: what a company CA and its servers are to GITHUB_CA_FILE. Made once per test JVM.
 */
public final class TestCertificates {
    /** The names the server certificate holds besides 127.0.0.1 and 127.0.0.2. */
    public static final List<String> NAMES = List.of("api.octo.ghe.com", "copilot-reports.octo.ghe.com", "api.port.io");
    private static final String PASSWORD = "stand-in";
    private static TestCertificates instance;

    private final Path dir;
    private final Path caPem;
    private final SSLContext serverTls;
    private SSLContext selfSigned;

    private TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        caPem = dir.resolve("test-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=copilot-port-sync test CA", "-ext", "bc:c",
                "-validity", "3", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=stand-in", "-validity", "3",
                "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", dir.resolve("server.csr").toString());
        StringBuilder san = new StringBuilder("san=ip:127.0.0.1,ip:127.0.0.2");
        NAMES.forEach(n -> san.append(",dns:").append(n));
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", dir.resolve("server.csr").toString(),
                "-outfile", dir.resolve("server.pem").toString(), "-rfc", "-validity", "3", "-ext", san.toString(),
                "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString());
        keytool("-importcert", "-alias", "server", "-file", dir.resolve("server.pem").toString(), "-keystore", server.toString());
        serverTls = tls(server);
    }

    private static SSLContext tls(Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** TLS with a certificate for the same names that no CA signed: what nobody should trust. */
    public synchronized SSLContext selfSignedTls() throws Exception {
        if (selfSigned == null) {
            Path store = dir.resolve("self-signed.p12");
            StringBuilder san = new StringBuilder("san=ip:127.0.0.1,ip:127.0.0.2");
            NAMES.forEach(n -> san.append(",dns:").append(n));
            keytool("-genkeypair", "-alias", "self", "-keyalg", "EC", "-dname", "CN=impostor", "-validity", "3", "-ext", san.toString(),
                    "-keystore", store.toString());
            selfSigned = tls(store);
        }
        return selfSigned;
    }

    public static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("copilot-port-sync-test-ca");
            dir.toFile().deleteOnExit();
            instance = new TestCertificates(dir);
        }
        return instance;
    }

    /** The CA certificate as PEM: the file a user gives as GITHUB_CA_FILE. */
    public Path caPem() {
        return caPem;
    }

    /** The stand-ins' TLS: the server certificate signed by the test CA, with its chain. */
    public SSLContext serverTls() {
        return serverTls;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }
}
