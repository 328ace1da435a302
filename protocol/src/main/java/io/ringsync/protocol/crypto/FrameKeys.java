package io.ringsync.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one authkey for one cluster, derived with {@link Hkdf} (RFC 5869, HMAC-SHA256).
 *
 * <p>Scheme (changing any part of it breaks compatibility between nodes):
 * <pre>
 * master    = HKDF-Extract(salt = "ringsync-v1", IKM = authkey bytes)
 * frame key = HKDF-Expand(master, info, 32) with
 * info      = "ringsync frame key" 0x00
 *             u16 length | UTF-8 cluster name
 *             u8 length  | cipher config name (e.g. "aes256-gcm")
 *             u32 sender node id | i64 sender boot count | 16-byte session id
 *             i64 key epoch = counter &gt;&gt;&gt; {@value #EPOCH_SHIFT}
 * </pre>
 * (integers big-endian). Binding the cluster name means a frame of another cluster with the
 * same authkey fails authentication; binding the cipher keeps the two ciphers' keys apart;
 * binding sender, boot count and session gives every sending process its own keys, which is
 * what lets the nonce be a plain counter (see {@link FrameSealer}). The epoch changes the key
 * every 2^{@value #EPOCH_SHIFT} frames, which keeps each AES-GCM key well inside its usage
 * limits (TLS 1.3 rekeys after 2^24.5 records) however long a node runs.
 */
public final class FrameKeys {

    /** HKDF salt of version 1 of the scheme. */
    static final byte[] SALT = "ringsync-v1".getBytes(StandardCharsets.US_ASCII);
    /** Info label of frame keys. */
    static final byte[] FRAME_KEY_LABEL = "ringsync frame key".getBytes(StandardCharsets.US_ASCII);
    /** A session's frame key changes each 2^EPOCH_SHIFT counters. */
    static final int EPOCH_SHIFT = 24;

    private final int keyId;
    private final String clusterName;
    private final byte[] clusterNameUtf8;
    private final byte[] master;

    private FrameKeys(int keyId, String clusterName, byte[] master) {
        this.keyId = keyId;
        this.clusterName = clusterName;
        this.clusterNameUtf8 = clusterName.getBytes(StandardCharsets.UTF_8);
        this.master = master;
        if (clusterNameUtf8.length > 0xFFFF) {
            throw new IllegalArgumentException("cluster name is longer than 65535 UTF-8 bytes");
        }
    }

    /** The master key of {@code key}, for frames of cluster {@code clusterName}. */
    public static FrameKeys derive(AuthKey key, String clusterName) {
        byte[] ikm = key.material();
        try {
            return new FrameKeys(key.keyId(), clusterName, Hkdf.extract(SALT, ikm));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** The {@link AuthKey#keyId()} these keys come from. */
    public int keyId() {
        return keyId;
    }

    /** The cluster name the keys are bound to. */
    public String clusterName() {
        return clusterName;
    }

    /** The key epoch of a frame counter. */
    static long epoch(long counter) {
        return counter >>> EPOCH_SHIFT;
    }

    /** The frame key of one sender session and epoch (see the class comment). */
    SecretKeySpec frameKey(CipherSuite suite, int senderNodeId, long bootCount, SessionId session, long epoch) {
        byte[] cipherName = suite.configName().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer info = ByteBuffer.allocate(FRAME_KEY_LABEL.length + 1 + 2 + clusterNameUtf8.length
                + 1 + cipherName.length + 4 + 8 + 16 + 8);
        info.put(FRAME_KEY_LABEL).put((byte) 0)
                .putShort((short) clusterNameUtf8.length).put(clusterNameUtf8)
                .put((byte) cipherName.length).put(cipherName)
                .putInt(senderNodeId).putLong(bootCount)
                .putLong(session.high()).putLong(session.low())
                .putLong(epoch);
        byte[] okm = Hkdf.expand(master, info.array(), CipherSuite.KEY_BYTES);
        try {
            return suite.key(okm);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "FrameKeys[key " + AuthKey.hex(keyId) + ", cluster " + clusterName + "]";
    }
}
