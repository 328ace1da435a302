package io.ringsync.cpg.core;

import static io.ringsync.cpg.core.CpgScenarios.A;
import static io.ringsync.cpg.core.CpgScenarios.B;
import static io.ringsync.cpg.core.CpgScenarios.C;
import static io.ringsync.cpg.core.CpgScenarios.G;
import static io.ringsync.cpg.core.CpgScenarios.at;
import static io.ringsync.cpg.core.CpgScenarios.joined;
import static io.ringsync.cpg.core.CpgScenarios.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A join on the way through Totem when the ring changes: lost with Totem's queue (Totem rejoins
 * after a service restart) or only delayed, the process becomes a member at the sync round's end
 * with NODEUP, on every node alike, and a late delivery of its join changes nothing. Starting
 * point: A (1/10), B (2/20), C (3/30) in group "g"; D (1/11) joins.
 */
class CpgJoinInFlightTest {

    private static final CpgMember D = new CpgMember(1, 11);
    private static final CpgHandle D_HANDLE = new CpgHandle(G, 11);
    private static final CpgConfChg D_JOINS = joined(G, members(A, D, B, C), at(D, CpgReason.NODEUP));

    @Test
    void aJoinLostWithTotemsQueueMakesItsProcessAMemberAtTheNextSyncRound() {
        CpgRing ring = CpgScenarios.threeMembers();
        assertTrue(ring.core(1).join(D_HANDLE, false).admitted(), "admitted, then lost: never queued");
        ring.form(List.of(1, 2, 3));
        ring.settle();
        assertEquals(List.of(D_JOINS), ring.confChgs(1, G, 11));
        for (int id : List.of(1, 2, 3)) {
            assertEquals(members(A, D, B, C), ring.core(id).members(G), "node " + id);
        }
        assertEquals(List.of(D_JOINS), ring.confChgs(2, G, 20));
        assertEquals(List.of(D_JOINS), ring.confChgs(3, G, 30));
        assertEquals(LocalProcesses.State.JOINED, ring.core(1).localState(D_HANDLE).orElseThrow());
        assertEquals(CpgResult.OK, ring.leave(1, G, 11), "a member may leave");
    }

    @Test
    void aJoinDelayedAcrossARingChangeJoinsAtTheSyncRoundAndArrivesAfterAsANoOp() {
        CpgRing ring = CpgScenarios.threeMembers();
        assertEquals(CpgResult.OK, ring.join(1, G, 11));
        ring.form(List.of(1, 2, 3));
        ring.settle();
        for (int id : List.of(1, 2, 3)) {
            assertEquals(members(A, D, B, C), ring.core(id).members(G), "node " + id);
        }
        assertEquals(List.of(D_JOINS), ring.confChgs(1, G, 10), "one change, not a second for the late join");
        assertEquals(List.of(D_JOINS), ring.confChgs(1, G, 11));
        assertEquals(List.of(D_JOINS), ring.confChgs(2, G, 20));
        assertEquals(List.of(D_JOINS), ring.confChgs(3, G, 30));
        assertEquals(List.of(), ring.core(1).takeProcDowns(), "nothing to clean up");
    }
}
