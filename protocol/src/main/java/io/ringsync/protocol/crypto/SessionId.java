package io.ringsync.protocol.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The 128-bit random id a sending process picks once at start. Each session has its own
 * derived keys, so two processes (or two runs of one node) never share a (key, nonce) pair;
 * 128 random bits make two equal ids a 2^-64 event even after 2^32 starts.
 */
public record SessionId(long high, long low) {

    /** A fresh id from {@code random} (production passes a {@link SecureRandom}, tests a seeded one). */
    public static SessionId random(SecureRandom random) {
        return new SessionId(random.nextLong(), random.nextLong());
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(high) + hex.toHexDigits(low);
    }
}
