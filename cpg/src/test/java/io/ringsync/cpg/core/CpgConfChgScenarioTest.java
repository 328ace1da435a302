package io.ringsync.cpg.core;

import static io.ringsync.cpg.core.CpgScenarios.A;
import static io.ringsync.cpg.core.CpgScenarios.B;
import static io.ringsync.cpg.core.CpgScenarios.C;
import static io.ringsync.cpg.core.CpgScenarios.G;
import static io.ringsync.cpg.core.CpgScenarios.at;
import static io.ringsync.cpg.core.CpgScenarios.joined;
import static io.ringsync.cpg.core.CpgScenarios.left;
import static io.ringsync.cpg.core.CpgScenarios.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgTotemConfChg;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configuration changes of a group, as scenario tables over several cores fed one ordered stream
 * ({@link CpgRing}): what each process is told, with which lists and reasons, for a process leave,
 * a process crash (outside and during a sync round), a node crash, a node restart, a partition and
 * its merge, and a round cut short. Starting point: A (1/10), B (2/20), C (3/30) in group "g".
 */
class CpgConfChgScenarioTest {

    @Test
    void joinsAreToldToTheJoinerAndToEveryMemberWithReasonJoin() {
        CpgRing ring = new CpgRing(1, 2, 3);
        ring.form(List.of(1, 2, 3));
        ring.settle();
        for (CpgMember member : List.of(A, B, C)) {
            assertEquals(CpgResult.OK, ring.join(member.nodeId(), G, member.pid()));
        }
        ring.settle();
        CpgConfChg first = joined(G, members(A), at(A, CpgReason.JOIN));
        CpgConfChg second = joined(G, members(A, B), at(B, CpgReason.JOIN));
        CpgConfChg third = joined(G, members(A, B, C), at(C, CpgReason.JOIN));
        assertEquals(List.of(first, second, third), ring.events(1, G, 10));
        assertEquals(List.of(second, third), ring.events(2, G, 20));
        assertEquals(List.of(third), ring.events(3, G, 30));
        ring.nodes().forEach(n -> assertEquals(members(A, B, C), n.core.members(G), "node " + n.id));
    }

    @Test
    void aProcessLeaveIsToldToTheLeaverAndTheRemainingMembers() {
        CpgRing ring = CpgScenarios.threeMembers();
        assertEquals(CpgResult.OK, ring.leave(2, G, 20));
        ring.settle();
        CpgConfChg leave = left(G, members(A, C), at(B, CpgReason.LEAVE));
        assertEquals(List.of(leave), ring.events(1, G, 10));
        assertEquals(List.of(leave), ring.events(2, G, 20));
        assertEquals(List.of(leave), ring.events(3, G, 30));
        assertTrue(ring.core(2).localState(new CpgHandle(G, 20)).isEmpty(), "B is no local process any more");
        assertEquals(CpgResult.NOT_EXIST, ring.leave(2, G, 20));
    }

    @Test
    void aProcessThatVanishesLeavesWithProcdown() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.vanish(2, G, 20);
        ring.settle();
        CpgConfChg procDown = left(G, members(A, C), at(B, CpgReason.PROCDOWN));
        assertEquals(List.of(procDown), ring.events(1, G, 10));
        assertEquals(List.of(procDown), ring.events(3, G, 30));
        assertEquals(List.of(), ring.events(2, G, 20), "a vanished process is told nothing");
        ring.nodes().forEach(n -> assertEquals(members(A, C), n.core.members(G), "node " + n.id));
    }

    @Test
    void aProcessThatVanishesDuringASyncRoundLeavesWithProcdownOnceTheRoundIsOver() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.form(List.of(1, 2, 3));
        ring.vanish(2, G, 20);
        assertEquals(List.of(), ring.core(2).takeProcDowns(), "no leave is multicast during the round");
        ring.settle();
        CpgTotemConfChg totem = new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2, 3));
        List<CpgEvent> expected = List.of(totem, left(G, members(A, C), at(B, CpgReason.PROCDOWN)));
        assertEquals(expected, ring.events(1, G, 10), "its joinlist was sent before it vanished");
        assertEquals(expected, ring.events(3, G, 30));
    }

    @Test
    void aProcessMissingFromItsNodesJoinlistLeavesWithProcdownInTheRound() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.vanish(2, G, 20);
        assertEquals(1, ring.node(2).appQueue.size(), "its PROCDOWN leave waits in Totem's queue");
        ring.form(List.of(1, 2, 3));
        ring.settle();
        CpgTotemConfChg totem = new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2, 3));
        List<CpgEvent> expected = List.of(left(G, members(A, C), at(B, CpgReason.PROCDOWN)), totem);
        assertEquals(expected, ring.events(1, G, 10), "the second round's joinlist of node 2 lacks B");
        assertEquals(expected, ring.events(3, G, 30));
    }

    @Test
    void aCrashedNodesProcessesLeaveWithNodedownThenTheTotemCallbackFollows() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.crash(3);
        ring.form(List.of(1, 2));
        ring.settle();
        List<CpgEvent> expected = List.of(left(G, members(A, B), at(C, CpgReason.NODEDOWN)),
                new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2)));
        assertEquals(expected, ring.events(1, G, 10));
        assertEquals(expected, ring.events(2, G, 20));
    }

    @Test
    void aRestartedNodesOldProcessesLeaveWithNodedownAndItLearnsTheOthersWithNodeup() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.crash(3);
        ring.start(3);
        ring.form(List.of(1, 2, 3));
        ring.settle();
        assertEquals(List.of(left(G, members(A, B), at(C, CpgReason.NODEDOWN)),
                new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2, 3))), ring.events(1, G, 10));
        assertEquals(members(A, B), ring.core(3).members(G), "node 3 learnt A and B from their joinlists");

        CpgMember again = new CpgMember(3, 31);
        assertEquals(CpgResult.OK, ring.join(3, G, 31));
        ring.settle();
        CpgConfChg join = joined(G, members(A, B, again), at(again, CpgReason.JOIN));
        assertEquals(join, ring.events(1, G, 10).get(2));
        assertEquals(List.of(join), ring.events(3, G, 31));
    }

    @Test
    void aPartitionTellsEachSideTheOtherLeftWithNodedownAndTheMergeBringsItBackWithNodeup() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.form(List.of(1, 2), List.of(3));
        ring.settle();
        assertEquals(left(G, members(A, B), at(C, CpgReason.NODEDOWN)), ring.events(1, G, 10).get(0));
        assertEquals(left(G, members(C), at(A, CpgReason.NODEDOWN), at(B, CpgReason.NODEDOWN)),
                ring.events(3, G, 30).get(0));

        CpgMember d = new CpgMember(3, 31);
        ring.join(3, G, 31);
        ring.settle();
        ring.clearReceived();
        ring.form(List.of(1, 2, 3));
        ring.settle();
        CpgTotemConfChg merged = new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2, 3));
        List<CpgEvent> onTheBigSide = List.of(joined(G, members(A, B, C, d), at(C, CpgReason.NODEUP),
                at(d, CpgReason.NODEUP)), merged);
        assertEquals(onTheBigSide, ring.events(1, G, 10));
        assertEquals(onTheBigSide, ring.events(2, G, 20));
        List<CpgEvent> onTheSmallSide = List.of(joined(G, members(A, B, C, d), at(A, CpgReason.NODEUP),
                at(B, CpgReason.NODEUP)), merged);
        assertEquals(onTheSmallSide, ring.events(3, G, 30));
        assertEquals(onTheSmallSide, ring.events(3, G, 31));
        ring.nodes().forEach(n -> assertEquals(members(A, B, C, d), n.core.members(G), "node " + n.id));
    }

    @Test
    void aRoundCutShortByAnotherRingChangeIsAbortedAndOnlyTheLastRingIsReported() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.form(List.of(1, 2, 3));
        ring.deliverOne(ring.node(1));
        ring.crash(3);
        ring.form(List.of(1, 2));
        ring.settle();
        List<CpgEvent> expected = List.of(left(G, members(A, B), at(C, CpgReason.NODEDOWN)),
                new CpgTotemConfChg(ring.node(1).ring, List.of(1, 2)));
        assertEquals(expected, ring.events(1, G, 10));
        assertEquals(expected, ring.events(2, G, 20));
    }

    @Test
    void aProcessThatVanishesBeforeItsJoinIsDeliveredJoinsThenLeavesWithProcdown() {
        CpgRing ring = CpgScenarios.threeMembers();
        CpgMember late = new CpgMember(2, 21);
        assertEquals(CpgResult.OK, ring.join(2, G, 21));
        ring.vanish(2, G, 21);
        ring.settle();
        assertEquals(List.of(joined(G, members(A, B, late, C), at(late, CpgReason.JOIN)),
                left(G, members(A, B, C), at(late, CpgReason.PROCDOWN))), ring.events(1, G, 10));
    }
}
