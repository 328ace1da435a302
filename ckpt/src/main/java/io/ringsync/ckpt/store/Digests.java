package io.ringsync.ckpt.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short digest by which dumps of two replicas are compared. */
public final class Digests {

    private Digests() {
    }

    /** The first 16 hex digits (64 bits) of the SHA-256 of {@code bytes}. */
    public static String shortSha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
