package io.ringsync.protocol.service;

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
