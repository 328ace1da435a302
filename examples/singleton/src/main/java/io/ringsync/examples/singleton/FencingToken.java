package io.ringsync.examples.singleton;

import io.ringsync.protocol.totem.RingId;
import java.util.Comparator;

/**
 * The fencing token a holder of the singleton carries with every action: the ring it was elected
 * in and the election's epoch within that ring. Tokens are ordered by ring seq, then the ring's
 * representative, then epoch: a ring formed later has a higher seq (Totem persists the seq, so
 * it grows across restarts too), and a later election in one ring a higher epoch. A resource
 * that remembers the highest token it has seen refuses a lower one ({@link FencingGate}): that of
 * a holder cut off from the ring, or paused, that has not yet learnt it was replaced (the
 * fencing tokens of Chubby and of Kleppmann's "How to do distributed locking").
 *
 * @param ring  the ring of the election
 * @param epoch the election's number within the ring, from 1
 */
public record FencingToken(RingId ring, int epoch) implements Comparable<FencingToken> {

    private static final Comparator<FencingToken> ORDER = Comparator
            .comparingLong((FencingToken t) -> t.ring().ringSeq())
            .thenComparingInt(t -> t.ring().repNodeId())
            .thenComparingInt(FencingToken::epoch);

    /** Checks the epoch is positive. */
    public FencingToken {
        if (epoch < 1) {
            throw new IllegalArgumentException("a fencing token's epoch starts at 1, got " + epoch);
        }
    }

    @Override
    public int compareTo(FencingToken other) {
        return ORDER.compare(this, other);
    }

    /** True when this token is older than {@code other}. */
    public boolean olderThan(FencingToken other) {
        return compareTo(other) < 0;
    }

    /** The ring in Corosync's notation and the epoch: {@code 1.1c:2}. */
    @Override
    public String toString() {
        return ring + ":" + epoch;
    }

    /**
     * The token {@link #toString()} wrote.
     *
     * @throws IllegalArgumentException naming the text when it is not one
     */
    public static FencingToken parse(String text) {
        String[] parts = text.split("[.:]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a fencing token (rep.seq:epoch in hex, hex, decimal): " + text);
        }
        try {
            return new FencingToken(new RingId(Integer.parseInt(parts[0], 16), Long.parseLong(parts[1], 16)),
                    Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a fencing token (rep.seq:epoch in hex, hex, decimal): " + text, e);
        }
    }
}
