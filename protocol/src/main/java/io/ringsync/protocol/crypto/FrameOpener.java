package io.ringsync.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens the sealed frames a node receives (see {@link FrameSealer}): checks the crypto
 * header, authenticates header and body, then drops replays and frames of older sender
 * sessions ({@link SenderSessions}). One per receiving node; not thread-safe.
 *
 * <p>{@link #open} never throws for any frame content: every outcome is an {@link OpenResult}.
 * The checks run in the order of {@link Rejection}; the freshness checks come after
 * authentication, so a forger cannot disturb the replay state of a real sender.
 *
 * <p>Key rotation: the opener holds one or two {@link FrameKeys} (the current key and the
 * next, or the current and the previous) and picks one by the key id in the header; frames
 * of any other key are {@link Rejection#UNKNOWN_KEY}. Replay state belongs to the sender's
 * session, not to a key, so a sender switching keys mid-session keeps its window.
 */
public final class FrameOpener {

    /** The most keys accepted at once: the current one and the next during a rollover. */
    public static final int MAX_KEYS = 2;
    /** Derived frame keys remembered, so that a frame costs no key derivation in the steady state. */
    static final int KEY_CACHE_SIZE = 256;

    private final CipherSuite suite;
    private final Cipher cipher;
    private final SenderSessions sessions = new SenderSessions();
    private final Map<KeyRef, SecretKeySpec> keyCache = new LinkedHashMap<>(KEY_CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyRef, SecretKeySpec> eldest) {
            return size() > KEY_CACHE_SIZE;
        }
    };
    private Map<Integer, FrameKeys> keys = Map.of();

    /** An opener for frames sealed with {@code suite} under one or two {@code keys}. */
    public FrameOpener(CipherSuite suite, List<FrameKeys> keys) {
        this.suite = Objects.requireNonNull(suite);
        this.cipher = suite.newCipher();
        useKeys(keys);
    }

    /**
     * Accepts frames of exactly these keys from now on (one or two, distinct ids, one cluster
     * name): add the next key before any node seals with it, drop the old one after all do.
     */
    public void useKeys(List<FrameKeys> accepted) {
        if (accepted.isEmpty() || accepted.size() > MAX_KEYS) {
            throw new IllegalArgumentException("an opener holds 1.." + MAX_KEYS + " keys, got " + accepted.size());
        }
        Map<Integer, FrameKeys> byId = new HashMap<>();
        for (FrameKeys k : accepted) {
            if (byId.put(k.keyId(), k) != null) {
                throw new IllegalArgumentException("two keys with id " + AuthKey.hex(k.keyId()));
            }
            if (!k.clusterName().equals(accepted.get(0).clusterName())) {
                throw new IllegalArgumentException("keys for two cluster names: " + accepted);
            }
        }
        keys = Map.copyOf(byId);
        keyCache.keySet().removeIf(ref -> !keys.containsKey(ref.keyId()));
    }

    /** Opens a whole array. */
    public OpenResult open(byte[] frame) {
        return open(frame, 0, frame.length);
    }

    /**
     * Opens {@code frame[offset..offset+length)}: the plaintext if the frame is authentic and
     * new, else the reason it is dropped. Only a range outside the array (a caller's bug) throws.
     */
    public OpenResult open(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (length < FrameSealer.OVERHEAD) {
            return Rejection.TRUNCATED;
        }
        CryptoHeader header = CryptoHeader.read(frame, offset);
        if (header.version() != CryptoHeader.VERSION) {
            return Rejection.UNSUPPORTED_VERSION;
        }
        if (header.cipherId() != suite.wireId()) {
            return Rejection.UNKNOWN_CIPHER;
        }
        FrameKeys frameKeys = keys.get(header.keyId());
        if (frameKeys == null) {
            return Rejection.UNKNOWN_KEY;
        }
        KeyRef ref = new KeyRef(header.keyId(), header.senderNodeId(), header.bootCount(), header.session(),
                FrameKeys.epoch(header.counter()));
        SecretKeySpec key = keyCache.get(ref);
        boolean cached = key != null;
        if (!cached) {
            key = frameKeys.frameKey(suite, ref.sender(), ref.bootCount(), ref.session(), ref.epoch());
        }
        byte[] plaintext = decrypt(frame, offset, length, header.counter(), key);
        if (plaintext == null) {
            return Rejection.BAD_TAG;
        }
        if (!cached) {
            keyCache.put(ref, key);
        }
        Optional<Rejection> refused = sessions.admit(header.senderNodeId(), header.bootCount(), header.session(),
                header.counter());
        if (refused.isPresent()) {
            return refused.get();
        }
        return new OpenResult.Opened(header.senderNodeId(), header.keyId(), plaintext);
    }

    /** The plaintext, or null if authentication fails. */
    private byte[] decrypt(byte[] frame, int offset, int length, long counter, SecretKeySpec key) {
        try {
            suite.init(cipher, Cipher.DECRYPT_MODE, key, CryptoHeader.nonce(counter));
            cipher.updateAAD(frame, offset, CryptoHeader.LENGTH);
            return cipher.doFinal(frame, offset + CryptoHeader.LENGTH, length - CryptoHeader.LENGTH);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            // Key and nonce sizes are fixed and the body is at least a tag long: nothing else can fail.
            throw new IllegalStateException(suite.configName() + " refused to open a frame", e);
        }
    }

    /** Everything a derived frame key depends on besides the suite. */
    private record KeyRef(int keyId, int sender, long bootCount, SessionId session, long epoch) {
    }
}
