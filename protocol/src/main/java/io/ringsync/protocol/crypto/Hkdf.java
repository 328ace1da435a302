package io.ringsync.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), which JDK 17 lacks as an API: {@link #extract} turns
 * input keying material into a 32-byte pseudorandom key (PRK), {@link #expand} stretches a PRK
 * into output keying material bound to an {@code info} string. Stateless and thread-safe.
 */
public final class Hkdf {

    /** HMAC-SHA256's output length, RFC 5869's HashLen. */
    public static final int HASH_LENGTH = 32;
    /** The most {@link #expand} may produce: 255 * HashLen (RFC 5869 §2.3). */
    public static final int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

    private static final String HMAC_SHA256 = "HmacSHA256";

    private Hkdf() {
    }

    /**
     * HKDF-Extract(salt, IKM) = HMAC-SHA256(salt, IKM). An empty salt stands for HashLen zero
     * bytes, as RFC 5869 §2.2 says for a salt that is "not provided".
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = hmac(key);
        return mac.doFinal(ikm);
    }

    /**
     * HKDF-Expand(PRK, info, L): T(1) | T(2) | ... truncated to {@code length} bytes, where
     * T(i) = HMAC-SHA256(PRK, T(i-1) | info | i) and T(0) is empty (RFC 5869 §2.3).
     *
     * @throws IllegalArgumentException if {@code prk} is shorter than HashLen or
     *     {@code length} is outside 1..{@value #MAX_OUTPUT_LENGTH}
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF PRK must be at least " + HASH_LENGTH + " bytes, got " + prk.length);
        }
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF output length must be 1.." + MAX_OUTPUT_LENGTH + ", got " + length);
        }
        Mac mac = hmac(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) i);
            block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(block, (byte) 0);
        return okm;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256; a key is never rejected by it.
            throw new IllegalStateException("this JVM cannot compute " + HMAC_SHA256, e);
        }
    }
}
