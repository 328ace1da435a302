package io.ringsync.protocol.totem;

import java.util.List;
import java.util.Objects;

/**
 * A ring as membership installs it: its id and its members in node-id order, which is the
 * order the token travels in (Corosync's commit token {@code addr[]}, sorted by node id).
 *
 * @param ringId  the ring's id
 * @param members the members' node ids, strictly increasing, non-zero, at least one
 */
public record RingConfiguration(RingId ringId, List<Integer> members) {

    /** Copies the members and checks they are sorted, unique and non-zero (STYLE.md rule 15). */
    public RingConfiguration {
        Objects.requireNonNull(ringId, "ringId");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a ring has at least one member");
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) == 0 || (i > 0 && members.get(i - 1) >= members.get(i))) {
                throw new IllegalArgumentException("members must be non-zero, sorted and unique: " + members);
            }
        }
    }

    /** Whether {@code nodeId} is a member. */
    public boolean contains(int nodeId) {
        return members.contains(nodeId);
    }

    /** The member the token goes to after {@code nodeId}: the next higher id, wrapping to the lowest. */
    public int successorOf(int nodeId) {
        int index = members.indexOf(nodeId);
        if (index < 0) {
            throw new IllegalArgumentException(nodeId + " is not a member of " + this);
        }
        return members.get((index + 1) % members.size());
    }
}
