package io.copilotportsync.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The certificates of {@code GITHUB_CA_FILE} (PEM, one or more): trusted in addition to the JDK's own CAs. */
public record CaBundle(Path file, List<X509Certificate> certificates) {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    static CaBundle read(String variable, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException(variable + " names " + file + ", which cannot be read (" + e.getClass().getSimpleName()
                    + "): give the path of a PEM file of your CA certificates");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new ConfigurationException(variable + " (" + file + "): certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(variable + " (" + file + ") holds no PEM certificate: expected one or more"
                    + " -----BEGIN CERTIFICATE----- blocks (export your CA certificate as PEM / Base-64)");
        }
        return new CaBundle(file, List.copyOf(certificates));
    }
}
