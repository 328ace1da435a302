package io.ringsync.protocol.totem.recovery;

import static io.ringsync.protocol.totem.recovery.OldRings.NEW;
import static io.ringsync.protocol.totem.recovery.OldRings.OLD;
import static io.ringsync.protocol.totem.recovery.OldRings.OTHER;
import static io.ringsync.protocol.totem.recovery.OldRings.agreed;
import static io.ringsync.protocol.totem.recovery.OldRings.completed;
import static io.ringsync.protocol.totem.recovery.OldRings.entry;
import static io.ringsync.protocol.totem.recovery.OldRings.holding;
import static io.ringsync.protocol.totem.recovery.OldRings.safe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted cases of {@link EvsDelivery}: gaps, departed senders, SAFE, joined and left lists. */
class EvsDeliveryTest {

    private static final RingConfiguration OLD_RING = new RingConfiguration(OLD, List.of(1, 2, 3));
    /** Nodes 1 and 2 come from OLD, node 4 from OTHER; node 3 left. */
    private static final List<Integer> NEW_MEMBERS = List.of(1, 2, 4);

    @Test
    void withoutGapsEverythingIsDeliveredInTheOldConfiguration() {
        CommitToken token = completed(NEW, NEW_MEMBERS,
                List.of(entry(5, 5, 3), entry(5, 5, 5), new MemberEntry(OTHER, 0, 0, true)));
        OldRingState node1 = new OldRingState(1, OLD_RING,
                holding(List.of(agreed(4, 3), agreed(5, 2))), 5, 5, 3);
        assertEquals(List.of(deliver(agreed(4, 3)), deliver(agreed(5, 2)),
                        new EvsEvent.TransitionalConfiguration(NEW, List.of(1, 2), List.of(3)),
                        new EvsEvent.RegularConfiguration(NEW, NEW_MEMBERS, List.of(4))),
                EvsDelivery.sequence(node1, token));
    }

    @Test
    void afterAGapOnlyTransitionalSendersAreDeliveredAndInTheTransitionalConfiguration() {
        CommitToken token = completed(NEW, NEW_MEMBERS,
                List.of(entry(3, 6, 2), entry(3, 6, 2), new MemberEntry(OTHER, 0, 0, true)));
        OldRingState node2 = new OldRingState(2, OLD_RING,
                holding(List.of(agreed(3, 1), agreed(5, 3), agreed(6, 2))), 3, 6, 2);
        assertEquals(List.of(deliver(agreed(3, 1)),
                        new EvsEvent.TransitionalConfiguration(NEW, List.of(1, 2), List.of(3)),
                        deliver(agreed(6, 2)),
                        new EvsEvent.RegularConfiguration(NEW, NEW_MEMBERS, List.of(4))),
                EvsDelivery.sequence(node2, token));
    }

    @Test
    void aSafeMessageSomeTransitionalMemberDeliveredStaysInTheOldConfiguration() {
        CommitToken token = completed(NEW, NEW_MEMBERS,
                List.of(entry(3, 3, 1), entry(3, 3, 2), new MemberEntry(OTHER, 0, 0, true)));
        OldRingState node1 = new OldRingState(1, OLD_RING,
                holding(List.of(safe(2, 3), agreed(3, 2))), 3, 3, 1);
        assertEquals(List.of(deliver(safe(2, 3)), deliver(agreed(3, 2)),
                        new EvsEvent.TransitionalConfiguration(NEW, List.of(1, 2), List.of(3)),
                        new EvsEvent.RegularConfiguration(NEW, NEW_MEMBERS, List.of(4))),
                EvsDelivery.sequence(node1, token));
    }

    @Test
    void aSafeMessageNobodyDeliveredMovesWithWhatFollowsIntoTheTransitionalConfiguration() {
        CommitToken token = completed(NEW, NEW_MEMBERS,
                List.of(entry(3, 5, 1), entry(3, 5, 1), new MemberEntry(OTHER, 0, 0, true)));
        OldRingState node1 = new OldRingState(1, OLD_RING,
                holding(List.of(safe(2, 3), agreed(3, 3), agreed(5, 3))), 3, 5, 1);
        // 2 and 3 precede the gap at 4, so their departed sender does not matter; 5 follows it.
        assertEquals(List.of(new EvsEvent.TransitionalConfiguration(NEW, List.of(1, 2), List.of(3)),
                        deliver(safe(2, 3)), deliver(agreed(3, 3)),
                        new EvsEvent.RegularConfiguration(NEW, NEW_MEMBERS, List.of(4))),
                EvsDelivery.sequence(node1, token));
    }

    @Test
    void aNodeThatWasAloneKeepsItsMessagesAndSeesTheOthersJoin() {
        RingId alone = new RingId(5, 4);
        OrderedMessage own = OldRings.message(alone, 1, 5, Delivery.AGREED);
        OldRingState node5 = new OldRingState(5, new RingConfiguration(alone, List.of(5)),
                holding(List.of(own)), 1, 1, 0);
        CommitToken token = completed(NEW, List.of(1, 2, 5), List.of(new MemberEntry(OTHER, 7, 7, true),
                new MemberEntry(OTHER, 7, 7, true), new MemberEntry(alone, 1, 0, true)));
        assertEquals(List.of(deliver(own),
                        new EvsEvent.TransitionalConfiguration(NEW, List.of(5), List.of()),
                        new EvsEvent.RegularConfiguration(NEW, List.of(1, 2, 5), List.of(1, 2))),
                EvsDelivery.sequence(node5, token));
    }

    private static EvsEvent deliver(OrderedMessage message) {
        return new EvsEvent.Deliver(message);
    }
}
