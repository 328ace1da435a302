package io.ringsync.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD ciphers a frame can be sealed with, both from the JDK, both with a 256-bit key, a
 * 96-bit nonce and a 128-bit tag. The {@linkplain #configName config name} is what
 * {@code CryptoSettings.cipher} holds; the {@linkplain #wireId wire id} is the cipher byte of
 * the crypto header (never reuse an id). Cipher "none" is not a suite: with it nothing is sealed.
 */
public enum CipherSuite {

    /** AES-256 in Galois/Counter Mode (NIST SP 800-38D); hardware-accelerated on most CPUs. */
    AES_256_GCM(1, "aes256-gcm", "AES/GCM/NoPadding", "AES"),
    /** ChaCha20-Poly1305 (RFC 8439); fast in software where AES has no hardware support. */
    CHACHA20_POLY1305(2, "chacha20-poly1305", "ChaCha20-Poly1305", "ChaCha20");

    /** Key length in bytes. */
    public static final int KEY_BYTES = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Authentication tag length in bytes. */
    public static final int TAG_BYTES = 16;

    private final int wireId;
    private final String configName;
    private final String transformation;
    private final String keyAlgorithm;

    CipherSuite(int wireId, String configName, String transformation, String keyAlgorithm) {
        this.wireId = wireId;
        this.configName = configName;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The cipher byte of the crypto header. */
    public int wireId() {
        return wireId;
    }

    /** The name used in configuration, e.g. {@code aes256-gcm}. */
    public String configName() {
        return configName;
    }

    /** The suite a config name names; empty for "none" and for names that are no suite. */
    public static Optional<CipherSuite> fromConfigName(String name) {
        for (CipherSuite suite : values()) {
            if (suite.configName.equals(name)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** The suite a header's cipher byte names; empty for an id this version does not know. */
    static Optional<CipherSuite> fromWireId(int id) {
        for (CipherSuite suite : values()) {
            if (suite.wireId == id) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** A fresh, uninitialised JCE cipher for this suite (one per sealer or opener; not thread-safe). */
    Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM does not provide " + transformation, e);
        }
    }

    /** A 32-byte derived key as a JCE key of this suite. */
    SecretKeySpec key(byte[] keyBytes) {
        return new SecretKeySpec(keyBytes, keyAlgorithm);
    }

    /** Initialises {@code cipher} for one frame with {@code key} and the 12-byte {@code nonce}. */
    void init(Cipher cipher, int mode, SecretKeySpec key, byte[] nonce) throws GeneralSecurityException {
        if (this == AES_256_GCM) {
            cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        } else {
            cipher.init(mode, key, new IvParameterSpec(nonce));
        }
    }
}
