package io.copilotportsync.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.Map;

/**
 * A GitHub App's key pair, made here as GitHub makes one: the private key as PEM in PKCS#1 (what GitHub hands out)
 * and in PKCS#8, the public key for the stand-in. The PKCS#1 DER is written from the key's numbers, not taken from
 * the code under test.
 */
public final class GitHubAppKeys {
    public static final long APP_ID = 424242;

    public final KeyPair pair;

    private GitHubAppKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static GitHubAppKeys generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new GitHubAppKeys(generator.generateKeyPair());
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** "-----BEGIN RSA PRIVATE KEY-----": RSAPrivateKey ::= SEQUENCE { 0, n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p } */
    public String pkcs1Pem() {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BigInteger n : new BigInteger[] {BigInteger.ZERO, k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
            byte[] value = n.toByteArray();
            body.write(0x02);
            writeLength(body, value.length);
            body.writeBytes(value);
        }
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(0x30);
        writeLength(der, body.size());
        der.writeBytes(body.toByteArray());
        return pem("RSA PRIVATE KEY", der.toByteArray());
    }

    /** "-----BEGIN PRIVATE KEY-----", the JDK's own encoding. */
    public String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** The base64 lines of a PEM: the parts of the key that must never show in a log. */
    public static java.util.List<String> bodyLines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).toList();
    }

    /** Writes the PKCS#1 key to a file, as GitHub's download is saved. */
    public Path pkcs1File(Path dir) throws Exception {
        return Files.writeString(dir.resolve("app.private-key.pem"), pkcs1Pem());
    }

    /** The environment of an App-only deployment: no GITHUB_TOKEN, no enterprise. */
    public static void appOnly(Map<String, String> env, String privateKeyPem) {
        env.remove("GITHUB_TOKEN");
        env.remove("GITHUB_ENTERPRISE");
        env.put("GITHUB_APP_ID", Long.toString(APP_ID));
        env.put("GITHUB_APP_PRIVATE_KEY", privateKeyPem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeLength(ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n & 0xff);
        }
    }
}
