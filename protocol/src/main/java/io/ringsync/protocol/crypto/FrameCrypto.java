package io.ringsync.protocol.crypto;

import io.ringsync.config.CryptoSettings;
import io.ringsync.config.RingsyncSettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

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
 */
public final class FrameCrypto {

    private static final FrameCrypto NONE = new FrameCrypto(null, null, 0);

    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final long bootCount;

    private FrameCrypto(FrameSealer sealer, FrameOpener opener, long bootCount) {
        this.sealer = sealer;
        this.opener = opener;
        this.bootCount = bootCount;
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
        CryptoSettings crypto = settings.crypto();
        if (!crypto.enabled()) {
            return none();
        }
        CipherSuite suite = CipherSuite.fromConfigName(crypto.cipher())
                .orElseThrow(() -> new IllegalArgumentException("unknown crypto.cipher: " + crypto.cipher()));
        Path keyFile = crypto.authkey().orElseThrow(() -> new AuthKeyException(
                "crypto.cipher is \"" + crypto.cipher() + "\" but no crypto.authkey is configured"));
        AuthKey key = AuthKey.load(keyFile);
        long bootCount = BootCounter.next(settings.system().stateDir());
        return of(suite, FrameKeys.derive(key, settings.clusterName()), settings.nodeId(), bootCount, new SecureRandom());
    }

    /** Sealing and opening with {@code keys}, for node {@code nodeId} in its start number {@code bootCount}. */
    public static FrameCrypto of(CipherSuite suite, FrameKeys keys, int nodeId, long bootCount, SecureRandom random) {
        return new FrameCrypto(FrameSealer.start(suite, keys, nodeId, bootCount, random),
                new FrameOpener(suite, List.of(keys)), bootCount);
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
        return enabledOrThrow(sealer).seal(frame, offset, length);
    }

    /** Opens a received frame (receiving thread only; not when pass-through). */
    public OpenResult open(byte[] frame, int offset, int length) {
        return enabledOrThrow(opener).open(frame, offset, length);
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
