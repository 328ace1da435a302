package io.ringsync.protocol.totem;

import java.util.Objects;

/**
 * Where an encapsulated {@link OrderedMessage} came from: the old ring, seq, originator and
 * guarantee of the message that RECOVERY re-originates on the new ring (corosync.md section 1,
 * "RECOVERY"). With the carrying message's payload it rebuilds the original exactly.
 *
 * @param ringId       the old ring the message was ordered in
 * @param seq          its seq there
 * @param senderNodeId the node that originated it there
 * @param delivery     its guarantee there
 */
public record Encapsulation(RingId ringId, long seq, int senderNodeId, Delivery delivery) {

    /** Checks the parts are present and the seq and sender valid. */
    public Encapsulation {
        Objects.requireNonNull(ringId, "ringId");
        Objects.requireNonNull(delivery, "delivery");
        if (seq < 1 || senderNodeId == 0) {
            throw new IllegalArgumentException("bad origin seq " + seq + " or sender " + senderNodeId);
        }
    }

    /** The origin of {@code original}. */
    public static Encapsulation of(OrderedMessage original) {
        return new Encapsulation(original.ringId(), original.seq(), original.senderNodeId(), original.delivery());
    }
}
