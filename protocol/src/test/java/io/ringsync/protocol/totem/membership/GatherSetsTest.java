package io.ringsync.protocol.totem.membership;

import static io.ringsync.protocol.totem.membership.Scripted.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.membership.GatherSets.JoinOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The join-processing rule, case by case (corosync.md section 1, "Processing a join"). */
class GatherSetsTest {

    private static final List<Integer> MY_RING = List.of(1, 2, 3);

    private static GatherSets gathering() {
        GatherSets sets = new GatherSets(1, MY_RING);
        sets.startGather();
        return sets;
    }

    @Test
    void identicalSetsMarkConsensusForTheSender() {
        GatherSets sets = gathering();
        assertEquals(JoinOutcome.AGREED, sets.process(join(2, List.of(1, 2, 3), List.of()), MY_RING));
        assertEquals(List.of(1, 2), sets.consensusList());
        assertFalse(sets.agreed());
        assertEquals(JoinOutcome.AGREED, sets.process(join(3, List.of(1, 2, 3), List.of()), MY_RING));
        assertTrue(sets.agreed());
        assertTrue(sets.lowestIsMe());
    }

    @Test
    void subsetsOfMySetsAreIgnored() {
        GatherSets sets = gathering();
        assertEquals(JoinOutcome.SUBSET, sets.process(join(2, List.of(1, 2), List.of()), MY_RING));
        assertEquals(List.of(1, 2, 3), sets.procList());
        assertEquals(List.of(1), sets.consensusList());
    }

    @Test
    void aJoinFromAFailedSenderIsIgnored() {
        GatherSets sets = gathering();
        sets.process(join(2, List.of(1, 2, 3), List.of(3)), MY_RING);
        assertEquals(JoinOutcome.SENDER_FAILED, sets.process(join(3, List.of(1, 3, 4), List.of()), MY_RING));
        assertEquals(List.of(1, 2, 3), sets.procList());
    }

    @Test
    void newProcessorsAreMergedAndFailuresFromMyRingAdopted() {
        GatherSets sets = gathering();
        assertEquals(JoinOutcome.MERGED, sets.process(join(2, List.of(1, 2, 3, 4), List.of(3)), MY_RING));
        assertEquals(List.of(1, 2, 3, 4), sets.procList());
        assertEquals(List.of(3), sets.failedList());
        assertEquals(List.of(1, 2, 4), sets.members());
    }

    @Test
    void failuresFromOutsideMyRingAreNotAdopted() {
        GatherSets sets = gathering();
        assertEquals(JoinOutcome.MERGED, sets.process(join(7, List.of(3, 7, 8), List.of(3)), MY_RING));
        assertEquals(List.of(1, 2, 3, 7, 8), sets.procList());
        assertEquals(List.of(), sets.failedList());
    }

    @Test
    void aSenderListingMeAsFailedIsFailedInTurn() {
        GatherSets sets = gathering();
        assertEquals(JoinOutcome.MERGED, sets.process(join(2, List.of(1, 2, 3), List.of(1)), MY_RING));
        assertEquals(List.of(2), sets.failedList());
        assertEquals(List.of(1, 3), sets.members());
    }

    @Test
    void aLeaveMarksTheLeaverFailed() {
        GatherSets sets = gathering();
        JoinMessage leave = JoinMessage.leave(3, List.of(1, 2, 3), 8);
        assertTrue(leave.isLeave());
        assertEquals(JoinOutcome.MERGED, sets.process(leave, MY_RING));
        assertEquals(List.of(1, 2), sets.members());
    }

    @Test
    void aConsensusTimeoutFailsExactlyTheSilentNodes() {
        GatherSets sets = gathering();
        sets.process(join(3, List.of(1, 2, 3), List.of()), MY_RING);
        assertTrue(sets.failNonAgreeing());
        assertEquals(List.of(2), sets.failedList());
        assertFalse(sets.failNonAgreeing());
    }
}
