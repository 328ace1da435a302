package io.ringsync.protocol.crypto;

import io.ringsync.config.RingsyncSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's frame crypto as the transport uses it: either {@linkplain #none() pass-through}
 * (cipher "none": frames go out and come in exactly as encoded) or a {@link FrameSealer} for
 * what this node sends and a {@link FrameOpener} for what it receives, both keyed from the
 * authkey and bound to the cluster name.
 *
 * <p>{@link #load} does all of a node's crypto start-up, before anything is sent: loads the
 * {@link AuthKey}, derives the {@link FrameKeys}, raises the persisted boot count
 * ({@link BootCounter}) and picks a random session id with a {@link SecureRandom}.
 *
 * <p>Threads: {@link #seal} belongs to the sending thread and {@link #open} to the receiving
 * thread (sealer and opener share no state); neither is thread-safe on its own.
 *
 * <p>Keys come from a {@link KeyRing}: before each frame, the sealing and the opening thread
 * compare the ring's version with the one they last applied and take the ring's keys when it
 * changed, so a rollover reaches both threads at their next frame without a lock.
 */
public final class FrameCrypto {

    private static final FrameCrypto NONE = new FrameCrypto(null, null, null, 0);

    private final KeyRing ring;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final long bootCount;
    private long sealerVersion;
    private long openerVersion;

    private FrameCrypto(KeyRing ring, FrameSealer sealer, FrameOpener opener, long bootCount) {
        this.ring = ring;
        this.sealer = sealer;
        this.opener = opener;
        this.bootCount = bootCount;
        long version = ring == null ? 0 : ring.keys().version();
        this.sealerVersion = version;
        this.openerVersion = version;
    }

    /** Pass-through: nothing is sealed or opened. */
    public static FrameCrypto none() {
        return NONE;
    }

    /**
     * The crypto {@code settings} ask for: {@link #none()} for cipher "none"; otherwise loads the
     * authkey and advances the boot count in {@code system.stateDir}.
     *
     * @throws AuthKeyException the authkey is missing, unreadable, of the wrong size or readable by others
     * @throws BootCountException the boot count file is corrupt or cannot be written
     */
    public static FrameCrypto load(RingsyncSettings settings) throws AuthKeyException, BootCountException {
        Optional<KeyRing> ring = KeyRing.load(settings);
        return ring.isEmpty() ? none() : load(settings, ring.get());
    }

    /**
     * A new session sealing and opening with {@code ring}'s keys as they are now and as they change
     * (the node's ring, which outlives a transport restart); advances the boot count in
     * {@code system.stateDir}.
     *
     * @throws BootCountException the boot count file is corrupt or cannot be written
     */
    public static FrameCrypto load(RingsyncSettings settings, KeyRing ring) throws BootCountException {
        long bootCount = BootCounter.next(settings.system().stateDir());
        return of(ring, settings.nodeId(), bootCount, new SecureRandom());
    }

    /** Sealing and opening with {@code keys}, for node {@code nodeId} in its start number {@code bootCount}. */
    public static FrameCrypto of(CipherSuite suite, FrameKeys keys, int nodeId, long bootCount, SecureRandom random) {
        return of(KeyRing.of(suite, keys), nodeId, bootCount, random);
    }

    /** Sealing and opening with {@code ring}'s keys, for node {@code nodeId} in its start number {@code bootCount}. */
    public static FrameCrypto of(KeyRing ring, int nodeId, long bootCount, SecureRandom random) {
        KeyRing.Keys keys = ring.keys();
        return new FrameCrypto(ring, FrameSealer.start(ring.suite(), keys.sealing(), nodeId, bootCount, random),
                new FrameOpener(ring.suite(), keys.accepted()), bootCount);
    }

    /** True unless pass-through. */
    public boolean enabled() {
        return sealer != null;
    }

    /** Bytes a frame grows by on the wire: {@link FrameSealer#OVERHEAD}, or 0 when pass-through. */
    public int overhead() {
        return enabled() ? FrameSealer.OVERHEAD : 0;
    }

    /** The boot count this session seals with (0 when pass-through). */
    public long bootCount() {
        return bootCount;
    }

    /** Seals {@code frame[offset..offset+length)} into a new array (sending thread only; not when pass-through). */
    public byte[] seal(byte[] frame, int offset, int length) {
        FrameSealer s = enabledOrThrow(sealer);
        KeyRing.Keys keys = ring.keys();
        if (keys.version() != sealerVersion) {
            s.useKey(keys.sealing());
            sealerVersion = keys.version();
        }
        return s.seal(frame, offset, length);
    }

    /** Opens a received frame (receiving thread only; not when pass-through). */
    public OpenResult open(byte[] frame, int offset, int length) {
        FrameOpener o = enabledOrThrow(opener);
        KeyRing.Keys keys = ring.keys();
        if (keys.version() != openerVersion) {
            o.useKeys(keys.accepted());
            openerVersion = keys.version();
        }
        return o.open(frame, offset, length);
    }

    /**
     * The sender node id the crypto header of {@code frame} claims, for logs and counters only
     * (it is not authenticated until {@link #open} accepts the frame); null if the frame is
     * shorter than the header.
     */
    public static Integer claimedSender(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        return length < CryptoHeader.LENGTH ? null : ByteBuffer.wrap(frame).getInt(offset + CryptoHeader.SENDER_OFFSET);
    }

    private static <T> T enabledOrThrow(T part) {
        if (part == null) {
            throw new IllegalStateException("frame crypto is pass-through (cipher none)");
        }
        return part;
    }

    @Override
    public String toString() {
        return enabled() ? "FrameCrypto[boot " + bootCount + ", session " + sealer.sessionId()
                + ", key " + AuthKey.hex(sealer.keyId()) + "]" : "FrameCrypto[none]";
    }
}
