package io.ringsync.protocol.service;

import io.ringsync.protocol.totem.RingId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two-byte header in front of every service payload on Totem: the {@link ServiceId} and the
 * {@link Kind} (an application message, a sync message, or the end of one node's sync messages).
 * {@link #open} never throws: a payload too short, of an unknown service or kind is simply not a
 * service message (empty), so a garbled or newer peer's payload is skipped, not fatal.
 */
public final class ServiceEnvelope {

    /** Header bytes before the body. */
    public static final int HEADER_BYTES = 2;

    /** What a service payload is. */
    public enum Kind {
        /** A message of the service's replicated state machine, ordered like any other. */
        APP(0),
        /** One of a node's sync messages of the current ring (Corosync's sync_process phase). */
        SYNC(1),
        /** The last sync message a node sends for the current ring; its body is empty. */
        SYNC_END(2);

        private final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Optional<Kind> of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** An opened service payload. */
    public record Opened(ServiceId service, Kind kind, byte[] body) {
    }

    /** Bytes of the ring tag in front of a sync message's body: the ring's representative and seq. */
    public static final int RING_TAG_BYTES = Integer.BYTES + Long.BYTES;

    /** A sync message's body, split into the ring it was sent for and what the service wrote. */
    public record SyncBody(RingId ringId, byte[] body) {
    }

    /**
     * A sync message of {@code service} for the round of {@code ringId}: the body is tagged with
     * the ring, so a sync message of an aborted round that Totem delivers in a later ring (its
     * sync queue survives ring changes) is told apart and ignored.
     */
    public static byte[] sync(ServiceId service, Kind kind, RingId ringId, byte[] body) {
        ByteBuffer tagged = ByteBuffer.allocate(RING_TAG_BYTES + body.length);
        tagged.putInt(ringId.repNodeId()).putLong(ringId.ringSeq()).put(body);
        return wrap(service, kind, tagged.array());
    }

    /** The ring tag and body of an opened sync message, or empty when it is too short or the tag is no ring id. */
    public static Optional<SyncBody> syncBody(byte[] taggedBody) {
        if (taggedBody.length < RING_TAG_BYTES) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(taggedBody);
        int rep = in.getInt();
        long seq = in.getLong();
        if (rep == 0 || seq < 0) {
            return Optional.empty();
        }
        return Optional.of(new SyncBody(new RingId(rep, seq), Arrays.copyOfRange(taggedBody, RING_TAG_BYTES, taggedBody.length)));
    }

    private ServiceEnvelope() {
    }

    /** {@code body} behind a header for {@code service} and {@code kind}. */
    public static byte[] wrap(ServiceId service, Kind kind, byte[] body) {
        byte[] payload = new byte[HEADER_BYTES + body.length];
        payload[0] = service.code();
        payload[1] = kind.code;
        System.arraycopy(body, 0, payload, HEADER_BYTES, body.length);
        return payload;
    }

    /** An application message of {@code service}. */
    public static byte[] app(ServiceId service, byte[] body) {
        return wrap(service, Kind.APP, body);
    }

    /** The header and body of {@code payload}, or empty when it is not a service payload this node knows. */
    public static Optional<Opened> open(byte[] payload) {
        if (payload.length < HEADER_BYTES) {
            return Optional.empty();
        }
        Optional<ServiceId> service = ServiceId.of(payload[0]);
        Optional<Kind> kind = Kind.of(payload[1]);
        if (service.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Opened(service.get(), kind.get(), Arrays.copyOfRange(payload, HEADER_BYTES, payload.length)));
    }
}
