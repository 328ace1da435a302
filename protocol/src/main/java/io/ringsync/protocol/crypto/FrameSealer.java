package io.ringsync.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the frames one node sends, on all its links: {@link CryptoHeader} in clear, then the
 * AEAD ciphertext and tag, the header being the associated data. One per sending process;
 * not thread-safe (one sending thread, or the caller serialises).
 *
 * <p><b>Why a (key, nonce) pair never repeats.</b> Each process start picks a fresh random
 * 128-bit {@link SessionId} and takes the boot count the node persists, and the frame keys are
 * derived from (authkey, cluster, cipher, node id, boot count, session id, epoch), see
 * {@link FrameKeys}: no two processes share a key, so a restart cannot repeat a nonce. Within
 * a process the nonce is a 64-bit counter that starts at 1 and only goes up; it is never reset,
 * not even by {@link #useKey} (a rollover keeps the session and its counter), and the sealer
 * refuses to seal once the counter would pass {@link Long#MAX_VALUE} rather than wrap.
 */
public final class FrameSealer {

    /** Bytes a sealed frame has beyond its plaintext: the crypto header and the tag. */
    public static final int OVERHEAD = CryptoHeader.LENGTH + CipherSuite.TAG_BYTES;

    private final CipherSuite suite;
    private final Cipher cipher;
    private final int nodeId;
    private final long bootCount;
    private final SessionId session;
    private FrameKeys keys;
    private long lastCounter;
    private SecretKeySpec epochKey;
    private long keyEpoch = -1;

    /**
     * A sealer for a new session of node {@code nodeId}.
     *
     * @param bootCount the node's persisted start counter, raised at every start (the caller
     *     reads and increments it in the state dir before sending anything)
     * @param random the source of the session id; production passes a {@link SecureRandom}
     */
    public static FrameSealer start(CipherSuite suite, FrameKeys keys, int nodeId, long bootCount, SecureRandom random) {
        return new FrameSealer(suite, keys, nodeId, bootCount, SessionId.random(random), 0);
    }

    /** A sealer whose first frame gets counter {@code lastCounter + 1} (tests of counter exhaustion). */
    FrameSealer(CipherSuite suite, FrameKeys keys, int nodeId, long bootCount, SessionId session, long lastCounter) {
        if (bootCount < 0) {
            throw new IllegalArgumentException("boot count must not be negative, got " + bootCount);
        }
        this.suite = Objects.requireNonNull(suite);
        this.cipher = suite.newCipher();
        this.nodeId = nodeId;
        this.bootCount = bootCount;
        this.session = Objects.requireNonNull(session);
        this.keys = Objects.requireNonNull(keys);
        this.lastCounter = lastCounter;
    }

    /** Seals a whole array. */
    public byte[] seal(byte[] plaintext) {
        return seal(plaintext, 0, plaintext.length);
    }

    /**
     * Seals {@code plaintext[offset..offset+length)} into a new array of
     * {@code length + }{@link #OVERHEAD} bytes, using the next counter.
     *
     * @throws IllegalStateException if this session has used up its counters (after 2^63-1
     *     frames; a restart starts a new session)
     */
    public byte[] seal(byte[] plaintext, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        if (lastCounter == Long.MAX_VALUE) {
            throw new IllegalStateException("frame counter of session " + session
                    + " is used up; restart the node to start a new session");
        }
        long counter = ++lastCounter;
        CryptoHeader header = new CryptoHeader(CryptoHeader.VERSION, suite.wireId(), keys.keyId(), nodeId,
                bootCount, session, counter);
        byte[] sealed = new byte[length + OVERHEAD];
        header.write(sealed, 0);
        try {
            suite.init(cipher, Cipher.ENCRYPT_MODE, keyFor(counter), CryptoHeader.nonce(counter));
            cipher.updateAAD(sealed, 0, CryptoHeader.LENGTH);
            cipher.doFinal(plaintext, offset, length, sealed, CryptoHeader.LENGTH);
        } catch (GeneralSecurityException e) {
            // A 32-byte key, a fresh 12-byte nonce and an exactly sized output cannot be refused.
            throw new IllegalStateException(suite.configName() + " refused to seal a frame", e);
        }
        return sealed;
    }

    /**
     * Seals from now on with {@code next} (a key rollover). The session and its counter go on,
     * so receivers keep their replay window and no nonce repeats under either key.
     */
    public void useKey(FrameKeys next) {
        if (!next.clusterName().equals(keys.clusterName())) {
            throw new IllegalArgumentException("new key is for cluster " + next.clusterName()
                    + ", this sealer's is " + keys.clusterName());
        }
        keys = next;
        keyEpoch = -1;
        epochKey = null;
    }

    /** The id of the key frames are sealed with now. */
    public int keyId() {
        return keys.keyId();
    }

    /** This sealer's session. */
    public SessionId sessionId() {
        return session;
    }

    /** The counter of the last sealed frame, 0 before the first. */
    public long lastCounter() {
        return lastCounter;
    }

    private SecretKeySpec keyFor(long counter) {
        long epoch = FrameKeys.epoch(counter);
        if (epoch != keyEpoch) {
            epochKey = keys.frameKey(suite, nodeId, bootCount, session, epoch);
            keyEpoch = epoch;
        }
        return epochKey;
    }
}
