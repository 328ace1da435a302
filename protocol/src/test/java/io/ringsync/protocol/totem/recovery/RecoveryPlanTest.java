package io.ringsync.protocol.totem.recovery;

import static io.ringsync.protocol.totem.recovery.OldRings.NEW;
import static io.ringsync.protocol.totem.recovery.OldRings.OLD;
import static io.ringsync.protocol.totem.recovery.OldRings.OTHER;
import static io.ringsync.protocol.totem.recovery.OldRings.agreed;
import static io.ringsync.protocol.totem.recovery.OldRings.completed;
import static io.ringsync.protocol.totem.recovery.OldRings.entry;
import static io.ringsync.protocol.totem.recovery.OldRings.holding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted cases of {@link RecoveryPlan}: transitional set, retransmission flag, re-origination range. */
class RecoveryPlanTest {

    private static final RingConfiguration OLD_RING = new RingConfiguration(OLD, List.of(1, 2, 3));

    @Test
    void noRetransmissionWhenEveryTransitionalMemberHasItsReceivedFlag() {
        OldRingState mine = new OldRingState(2, OLD_RING,
                holding(List.of(agreed(4, 1), agreed(5, 3))), 5, 5, 3);
        CommitToken token = completed(NEW, List.of(1, 2, 3),
                List.of(entry(5, 5, 5), entry(5, 5, 3), entry(5, 5, 4)));
        RecoveryPlan plan = RecoveryPlan.compute(mine, token);
        assertEquals(List.of(1, 2, 3), plan.transitional());
        assertFalse(plan.retransmissionNeeded());
        assertEquals(5, plan.lowestTransitionalAru());
        assertEquals(List.of(), plan.toReoriginate());
    }

    @Test
    void eachHolderReoriginatesWhatItHoldsAboveTheLowestTransitionalAru() {
        // Node 3 left (its aru 1 does not count); node 4 comes from another ring with its flag clear.
        CommitToken token = completed(NEW, List.of(1, 2, 4),
                List.of(entry(3, 6, 3), entry(5, 5, 2), new MemberEntry(OTHER, 0, 0, false)));
        OldRingState node1 = new OldRingState(1, OLD_RING,
                holding(List.of(agreed(2, 1), agreed(3, 2), agreed(5, 3), agreed(6, 1))), 3, 6, 1);
        OldRingState node2 = new OldRingState(2, OLD_RING,
                holding(List.of(agreed(3, 2), agreed(4, 3), agreed(5, 3))), 5, 5, 2);

        RecoveryPlan plan1 = RecoveryPlan.compute(node1, token);
        RecoveryPlan plan2 = RecoveryPlan.compute(node2, token);

        assertEquals(List.of(1, 2), plan1.transitional());
        assertTrue(plan1.retransmissionNeeded());
        assertEquals(3, plan1.lowestTransitionalAru());
        assertEquals(List.of(5L, 6L), plan1.toReoriginate().stream().map(RecoveredMessage::oldSeq).toList());
        assertEquals(List.of(4L, 5L), plan2.toReoriginate().stream().map(RecoveredMessage::oldSeq).toList());
        RecoveredMessage six = plan1.toReoriginate().get(1);
        assertEquals(OLD, six.oldRingId());
        assertEquals(1, six.originalSenderNodeId());
        assertEquals(agreed(6, 1), six.original());
    }

    @Test
    void theFlagOfAnotherOldRingDoesNotTriggerRetransmission() {
        CommitToken token = completed(NEW, List.of(1, 4),
                List.of(entry(4, 4, 4), new MemberEntry(OTHER, 2, 2, false)));
        OldRingState node1 = new OldRingState(1, OLD_RING, holding(List.of()), 4, 4, 4);
        RecoveryPlan plan = RecoveryPlan.compute(node1, token);
        assertEquals(List.of(1), plan.transitional());
        assertFalse(plan.retransmissionNeeded());
    }

    @Test
    void anIncompleteTokenOrAnEntryOfAnotherRingIsRefused() {
        OldRingState node1 = new OldRingState(1, OLD_RING, holding(List.of()), 0, 0, 0);
        CommitToken incomplete = CommitToken.create(NEW, List.of(1, 2)).fill(entry(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPlan.compute(node1, incomplete));
        CommitToken foreign = completed(NEW, List.of(1), List.of(new MemberEntry(OTHER, 0, 0, true)));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPlan.compute(node1, foreign));
        CommitToken withoutMe = completed(new RingId(2, 12), List.of(2),
                List.of(entry(0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPlan.compute(node1, withoutMe));
    }
}
