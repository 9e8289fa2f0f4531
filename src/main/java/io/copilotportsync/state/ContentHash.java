package io.copilotportsync.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash of an entity as sent to Port: SHA-256 of blueprint and body, first 16 bytes in hex. */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(String blueprint, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(blueprint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            byte[] digest = sha.digest();
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
