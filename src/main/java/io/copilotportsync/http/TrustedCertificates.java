package io.copilotportsync.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The JDK's trusted CAs plus the ones of GITHUB_CA_FILE, in one trust manager, so that a chain may mix both. */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    static X509TrustManager jdkDefaultsAnd(List<X509Certificate> extra) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : x509(null).getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            for (X509Certificate ca : extra) {
                store.setCertificateEntry("ca-file-" + n++, ca);
            }
            return x509(store);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("an empty key store could not be made", e);
        }
    }

    static SSLContext context(X509TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    /** The trust manager over the given store; null: the JDK's own trust store. */
    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
