package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.TotemEffect;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TotemActor} subscriber gets, in the core's order: {@link ConfigurationChanged}
 * (TRANSITIONAL then REGULAR, extended virtual synchrony) and {@link Delivered}; a
 * {@link TotemActor.SubscribeBatches} subscriber gets them in {@link TotemActor.EventBatch}es.
 */
public sealed interface TotemEvent permits TotemEvent.Delivered, TotemEvent.ConfigurationChanged {

    /**
     * One message delivered in the total order of ring {@code ringId}, in the configuration of the
     * last {@link ConfigurationChanged}; the payload is copied on access. {@code seq} is that of the
     * Totem message that completed it: messages packed together share it, so seqs never decrease
     * but may repeat.
     */
    record Delivered(int senderNodeId, RingId ringId, long seq, Delivery delivery, byte[] payload)
            implements TotemEvent {

        /** A copy of the payload. */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /**
         * The payload as a read-only buffer over Totem's own bytes, without the copy
         * {@link #payload()} makes: for a subscriber that only reads it (at 1 KiB and 200,000
         * deliveries a second, the copy is 200 MB/s of garbage per subscriber).
         */
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        /** Whether {@code filter} passes this delivery (without copying the payload). */
        boolean passes(DeliveryFilter filter) {
            return filter.accepts(payload);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delivered d && senderNodeId == d.senderNodeId && ringId.equals(d.ringId)
                    && seq == d.seq && delivery == d.delivery && Arrays.equals(payload, d.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(senderNodeId, ringId, seq, delivery, Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "Delivered[" + ringId + " seq=" + seq + " from=" + senderNodeId + " " + delivery + " "
                    + payload.length + "B]";
        }
    }

    /**
     * A configuration change of extended virtual synchrony (see {@link TotemEffect.ConfigurationChange}):
     * TRANSITIONAL (the members that came with this node from its old ring; {@code left} = old
     * members that did not) then REGULAR (the new ring; {@code joined}, and {@code left} relative to
     * the previous REGULAR configuration). Both carry the new ring's id; lists are sorted.
     */
    record ConfigurationChanged(ConfigurationKind kind, RingId ringId, List<Integer> members,
                                       List<Integer> left, List<Integer> joined) implements TotemEvent {

        /** Copies the lists. */
        public ConfigurationChanged {
            members = List.copyOf(members);
            left = List.copyOf(left);
            joined = List.copyOf(joined);
        }
    }
}
