package io.copilotportsync.config;

import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RSA private key in PEM, as GitHub hands it out for an App (PKCS#1, "BEGIN RSA PRIVATE KEY") or as openssl
 * converts it (PKCS#8, "BEGIN PRIVATE KEY"). The JDK reads PKCS#8 only, so PKCS#1 is wrapped in PKCS#8's DER first.
 */
public final class PemPrivateKey {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } in DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemPrivateKey() {
    }

    /**
     * Reads the key; env files often hold the PEM on one line with literal "\n" sequences, which are taken as line
     * breaks. {@code source} names the variable (or file) in the error.
     */
    public static PrivateKey parse(String pem, String source) {
        String text = pem.replace("\\n", "\n").replace("\\r", "");
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new ConfigurationException(source + " holds no PEM private key: expected the .pem file GitHub generated for the "
                    + "App, from its BEGIN RSA PRIVATE KEY line to its END line");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(source + ": the PEM body is not base64; paste the key file unchanged");
        }
        byte[] pkcs8 = switch (type) {
            case "RSA PRIVATE KEY" -> pkcs8(der);
            case "PRIVATE KEY" -> der;
            case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException(source + " holds an encrypted key; decrypt it first "
                    + "(openssl pkcs8 -in key.pem -out plain.pem) or use the key GitHub generated");
            default -> throw new ConfigurationException(source + " holds a '" + type + "' PEM block; a GitHub App key is an RSA "
                    + "private key ('BEGIN RSA PRIVATE KEY' or 'BEGIN PRIVATE KEY')");
        };
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            throw new ConfigurationException(source + " is not a readable RSA private key (" + type
                    + "); generate a new private key on the App's settings page");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no RSA", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 } */
    static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(length(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    /** A DER length: one byte below 128, else 0x80 + the number of big-endian length bytes that follow. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}
