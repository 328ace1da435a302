package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.ReceiveWindow;
import io.ringsync.protocol.totem.RingConfiguration;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one node holds of the ring it was last OPERATIONAL in, saved when the commit token
 * reaches it (corosync.md section 1, "Commit token, rotation 1": "saves its old aru and
 * high_seq"). Immutable; {@link #withRecovered} makes the state a node has once recovery
 * messages arrived.
 *
 * <p>Invariants (checked): every held message is of {@code ring}; {@code highDelivered &le; aru
 * &le; highSeq}; every seq in (highDelivered, aru] is held (seqs at or below highDelivered may
 * have been freed); no held seq is above highSeq.
 *
 * @param myNodeId      this node, a member of {@code ring}
 * @param ring          the old ring: its id and members (the old regular configuration)
 * @param held          the old-ring messages held, by seq (copied, unmodifiable)
 * @param aru           highest seq with every seq at or below it received here
 * @param highSeq       highest seq received here
 * @param highDelivered highest seq delivered here in the old ring
 */
public record OldRingState(int myNodeId, RingConfiguration ring, NavigableMap<Long, OrderedMessage> held,
                           long aru, long highSeq, long highDelivered) {

    /** Copies {@code held} and checks the invariants above. */
    public OldRingState {
        Objects.requireNonNull(ring, "ring");
        held = Collections.unmodifiableNavigableMap(new TreeMap<>(held));
        if (!ring.contains(myNodeId) || highDelivered < 0 || highDelivered > aru || aru > highSeq
                || (!held.isEmpty() && held.lastKey() > highSeq)) {
            throw new IllegalArgumentException("bad old ring state: node " + myNodeId + " of " + ring + " aru=" + aru
                    + " highSeq=" + highSeq + " highDelivered=" + highDelivered);
        }
        for (var entry : held.entrySet()) {
            if (!entry.getValue().ringId().equals(ring.ringId()) || entry.getValue().seq() != entry.getKey()) {
                throw new IllegalArgumentException("held message " + entry.getValue() + " is not seq "
                        + entry.getKey() + " of " + ring.ringId());
            }
        }
        for (long seq = highDelivered + 1; seq <= aru; seq++) {
            if (!held.containsKey(seq)) {
                throw new IllegalArgumentException("seq " + seq + " is at or below aru " + aru + " but not held");
            }
        }
    }

    /** The state of member {@code myNodeId} whose old-ring messages are in {@code window}. */
    public static OldRingState of(int myNodeId, RingConfiguration ring, ReceiveWindow window) {
        NavigableMap<Long, OrderedMessage> held = new TreeMap<>();
        for (long seq = window.released() + 1; seq <= window.highestSeen(); seq++) {
            OrderedMessage message = window.get(seq);
            if (message != null) {
                held.put(seq, message);
            }
        }
        return new OldRingState(myNodeId, ring, held, window.myAru(), window.highestSeen(), window.highDelivered());
    }

    /**
     * The receiver side of recovery: this state with the recovered messages of this node's old
     * ring added by old seq. A seq already held, or already delivered here, is a duplicate and
     * ignored (each holder re-sends it); a message of another old ring belongs to another
     * configuration's history and is ignored too. aru and highSeq move up with what was added.
     *
     * @throws IllegalArgumentException if a recovered message differs from the one held under
     *                                  the same old ring and seq (Totem orders one message per seq)
     */
    public OldRingState withRecovered(Collection<RecoveredMessage> recovered) {
        NavigableMap<Long, OrderedMessage> merged = new TreeMap<>(held);
        long newHighSeq = highSeq;
        for (RecoveredMessage message : recovered) {
            if (!message.oldRingId().equals(ring.ringId()) || message.oldSeq() <= highDelivered) {
                continue;
            }
            OrderedMessage previous = merged.putIfAbsent(message.oldSeq(), message.original());
            if (previous != null && !previous.equals(message.original())) {
                throw new IllegalArgumentException("two messages for " + ring.ringId() + " seq " + message.oldSeq()
                        + ": " + previous + " and " + message.original());
            }
            newHighSeq = Math.max(newHighSeq, message.oldSeq());
        }
        long newAru = aru;
        while (merged.containsKey(newAru + 1)) {
            newAru++;
        }
        return new OldRingState(myNodeId, ring, merged, newAru, newHighSeq, highDelivered);
    }
}
