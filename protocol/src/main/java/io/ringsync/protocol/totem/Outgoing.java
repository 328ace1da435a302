package io.ringsync.protocol.totem;

import java.util.Objects;

/**
 * A message waiting to be originated by {@link OrderingCore}: its guarantee, its bytes, and for
 * a recovered old-ring message its {@link Encapsulation} (null for an application message).
 * The payload is not copied: the queue that holds it owns it.
 *
 * @param delivery AGREED or SAFE
 * @param payload  the bytes to multicast
 * @param origin   the old-ring origin of a recovered message, or null
 */
public record Outgoing(Delivery delivery, byte[] payload, Encapsulation origin) {

    /** Checks the guarantee and payload are present. */
    public Outgoing {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(payload, "payload");
    }

    /** An application message. */
    public static Outgoing of(Delivery delivery, byte[] payload) {
        return new Outgoing(delivery, payload, null);
    }

    /** An old-ring message to re-originate, encapsulated, as AGREED on the new ring. */
    public static Outgoing recovered(OrderedMessage original) {
        return new Outgoing(Delivery.AGREED, original.payload(), Encapsulation.of(original));
    }
}
