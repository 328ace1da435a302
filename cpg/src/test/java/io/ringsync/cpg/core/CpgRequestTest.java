package io.ringsync.cpg.core;

import static io.ringsync.cpg.core.CpgScenarios.G;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgFlowControl;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgLimits;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.protocol.totem.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The answers to local requests, as Corosync gives them: EXIST, NOT_EXIST, BUSY, TRY_AGAIN
 * (before the first ring, while a sync round runs, while a previous membership is still leaving),
 * TOO_BIG; how a refusal by Totem is undone; and the flow control state.
 */
class CpgRequestTest {

    private static final byte[] HELLO = {1, 2, 3};

    @Test
    void everyRequestIsRefusedWithTryAgainBeforeTheFirstRing() {
        CpgRing ring = new CpgRing(1);
        assertEquals(CpgResult.TRY_AGAIN, ring.join(1, G, 10));
        ring.form(List.of(1));
        assertEquals(CpgResult.TRY_AGAIN, ring.join(1, G, 10), "the sync round runs");
        ring.settle();
        assertEquals(CpgResult.OK, ring.join(1, G, 10));
    }

    @Test
    void theStatesOfAProcessAnswerJoinLeaveAndMcastAsCorosyncDoes() {
        CpgRing ring = new CpgRing(1);
        ring.form(List.of(1));
        ring.settle();
        assertEquals(CpgResult.NOT_EXIST, ring.leave(1, G, 10), "not joined");
        assertEquals(CpgResult.NOT_EXIST, ring.mcast(1, G, 10, HELLO, Delivery.AGREED), "not joined");

        assertEquals(CpgResult.OK, ring.join(1, G, 10));
        assertEquals(CpgResult.EXIST, ring.join(1, G, 10), "joining");
        assertEquals(CpgResult.BUSY, ring.leave(1, G, 10), "joining");
        assertEquals(CpgResult.OK, ring.mcast(1, G, 10, HELLO, Delivery.AGREED), "joining: the join goes first");
        ring.settle();
        assertEquals(CpgResult.EXIST, ring.join(1, G, 10), "joined");

        assertEquals(CpgResult.OK, ring.leave(1, G, 10));
        assertEquals(CpgResult.BUSY, ring.join(1, G, 10), "leaving");
        assertEquals(CpgResult.NOT_EXIST, ring.leave(1, G, 10), "leaving");
        assertEquals(CpgResult.NOT_EXIST, ring.mcast(1, G, 10, HELLO, Delivery.AGREED), "leaving");
        ring.settle();
        assertEquals(CpgResult.OK, ring.join(1, G, 10), "a new membership");
        assertEquals(1, ring.events(1, G, 10).stream().filter(e -> e instanceof CpgDeliver).count(),
                "the message multicast while joining was delivered");
    }

    @Test
    void requestsDuringASyncRoundGetTryAgain() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.form(List.of(1, 2, 3));
        assertEquals(CpgResult.TRY_AGAIN, ring.join(1, G, 11));
        assertEquals(CpgResult.TRY_AGAIN, ring.leave(1, G, 10));
        assertEquals(CpgResult.TRY_AGAIN, ring.mcast(1, G, 10, HELLO, Delivery.SAFE));
        ring.settle();
        assertEquals(CpgResult.OK, ring.mcast(1, G, 10, HELLO, Delivery.SAFE));
    }

    @Test
    void aJoinWhileThePreviousMembershipOfThePidIsStillLeavingGetsTryAgain() {
        CpgRing ring = CpgScenarios.threeMembers();
        ring.vanish(1, G, 10);
        assertEquals(CpgResult.TRY_AGAIN, ring.join(1, G, 10), "its PROCDOWN leave is not delivered yet");
        ring.settle();
        assertEquals(CpgResult.OK, ring.join(1, G, 10));
    }

    @Test
    void aPayloadAboveTheLimitIsTooBig() {
        CpgRing ring = CpgScenarios.threeMembers();
        assertEquals(CpgResult.TOO_BIG, ring.mcast(1, G, 10, new byte[CpgLimits.MAX_MESSAGE_BYTES + 1], Delivery.AGREED));
        assertEquals(CpgResult.OK, ring.mcast(1, G, 10, new byte[CpgLimits.MAX_MESSAGE_BYTES], Delivery.AGREED));
    }

    @Test
    void aJoinRefusedByTotemIsUndoneAndALeaveRefusedMakesTheProcessAMemberAgain() {
        CpgRing ring = CpgScenarios.threeMembers();
        CpgCore core = ring.core(1);
        CpgHandle other = new CpgHandle(G, 11);
        assertTrue(core.join(other, false).admitted());
        core.joinRefused(other);
        assertTrue(core.localState(other).isEmpty());
        assertTrue(core.join(other, false).admitted(), "it may join again");

        CpgHandle a = new CpgHandle(G, 10);
        assertTrue(core.leave(a).admitted());
        core.leaveRefused(a);
        assertEquals(LocalProcesses.State.JOINED, core.localState(a).orElseThrow());
        assertEquals(List.of(), core.takeProcDowns(), "a refused leave of a live process is not a PROCDOWN");
    }

    @Test
    void aProcDownRefusedByTotemIsOfferedAgain() {
        CpgRing ring = CpgScenarios.threeMembers();
        CpgCore core = ring.core(1);
        CpgHandle a = new CpgHandle(G, 10);
        core.vanished(a);
        assertEquals(List.of(a), core.takeProcDowns().stream().map(CpgCore.ProcDown::handle).toList());
        assertEquals(List.of(), core.takeProcDowns(), "once");
        core.leaveRefused(a);
        assertEquals(List.of(a), core.takeProcDowns().stream().map(CpgCore.ProcDown::handle).toList());
    }

    @Test
    void flowControlIsEnabledWithoutASyncedRingAndFromTotemsTryAgainUntilItTakesOrDeliversAMessageOfThisNode() {
        CpgRing ring = new CpgRing(1, 2);
        CpgCore core = ring.core(1);
        assertEquals(CpgFlowControl.ENABLED, core.flowControl(), "no ring yet");
        ring.form(List.of(1, 2));
        assertEquals(CpgFlowControl.ENABLED, core.flowControl(), "the sync round runs");
        ring.settle();
        assertEquals(CpgFlowControl.DISABLED, core.flowControl());
        assertEquals(CpgResult.OK, ring.join(1, G, 10));
        assertEquals(CpgResult.OK, ring.join(2, G, 20));

        core.totemAnswered(CpgResult.TRY_AGAIN);
        assertEquals(CpgFlowControl.ENABLED, core.flowControl(), "Totem's queue is full");
        core.totemAnswered(CpgResult.TIMEOUT);
        assertEquals(CpgFlowControl.ENABLED, core.flowControl(), "no answer says nothing of the queue");
        core.totemAnswered(CpgResult.OK);
        assertEquals(CpgFlowControl.DISABLED, core.flowControl(), "Totem took a message");

        core.totemAnswered(CpgResult.TRY_AGAIN);
        ring.deliverOne(ring.node(2));
        assertEquals(CpgFlowControl.ENABLED, core.flowControl(), "another node's message frees nothing here");
        ring.deliverOne(ring.node(1));
        assertEquals(CpgFlowControl.DISABLED, core.flowControl(), "a message of this node left Totem's queue");
    }

    @Test
    void aJoinWithInitialTotemConfTellsTheCurrentRingAtOnce() {
        CpgRing ring = CpgScenarios.threeMembers();
        CpgCore core = ring.core(2);
        assertTrue(core.join(new CpgHandle(G, 22), true).admitted());
        assertEquals(List.of(new CpgTotemConfChg(core.ringId(), List.of(1, 2, 3))),
                core.takeNotifications().stream().map(n -> n.event()).toList());
    }

    @Test
    void aBadGroupNameIsRefusedBeforeAnyHandleExists() {
        assertTrue(CpgLimits.groupNameProblem("").isPresent());
        assertTrue(CpgLimits.groupNameProblem("x".repeat(129)).isPresent());
        assertTrue(CpgLimits.groupNameProblem("\u00e9".repeat(65)).orElseThrow().contains("130 bytes"),
                "the limit counts UTF-8 bytes");
        assertTrue(CpgLimits.groupNameProblem("x".repeat(128)).isEmpty());
    }
}
