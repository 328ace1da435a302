package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Test fixtures: old-ring messages, held maps and completed commit tokens. */
final class OldRings {

    static final RingId OLD = new RingId(1, 8);
    static final RingId OTHER = new RingId(4, 8);
    static final RingId NEW = new RingId(1, 12);

    private OldRings() {
    }

    /** Message {@code seq} of {@code ring} from {@code sender}; the payload names both. */
    static OrderedMessage message(RingId ring, long seq, int sender, Delivery delivery) {
        return new OrderedMessage(ring, seq, sender, delivery, (ring + "/" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** An AGREED message of {@link #OLD}. */
    static OrderedMessage agreed(long seq, int sender) {
        return message(OLD, seq, sender, Delivery.AGREED);
    }

    /** A SAFE message of {@link #OLD}. */
    static OrderedMessage safe(long seq, int sender) {
        return message(OLD, seq, sender, Delivery.SAFE);
    }

    /** The messages by seq. */
    static NavigableMap<Long, OrderedMessage> holding(List<OrderedMessage> messages) {
        NavigableMap<Long, OrderedMessage> held = new TreeMap<>();
        messages.forEach(m -> held.put(m.seq(), m));
        return held;
    }

    /** The commit token for {@code members} after rotation 1, entries filled in member order. */
    static CommitToken completed(RingId newRing, List<Integer> members, List<MemberEntry> entries) {
        CommitToken token = CommitToken.create(newRing, members);
        for (MemberEntry entry : entries) {
            token = token.fill(entry);
        }
        return token;
    }

    /** The entry a member of {@link #OLD} fills: received flag = aru == highSeq. */
    static MemberEntry entry(long aru, long highSeq, long highDelivered) {
        return new MemberEntry(OLD, aru, highDelivered, aru == highSeq);
    }
}
