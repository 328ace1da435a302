package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.service.ServiceSyncBarrier;
import io.ringsync.protocol.totem.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CPG actor's protocol against a one-node loopback Totem: join, deliver, membership, local
 * node, iteration, context, leave; a listener that stops leaves with PROCDOWN; Totem's TRY_AGAIN
 * reaches the client and undoes a join, and sets the flow control state; a bad group name is
 * INVALID_PARAM.
 */
class CpgActorTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration JOIN_DEADLINE = Duration.ofSeconds(90);
    private static final String G = "g";

    private ActorTestKit kit;
    private ActorRef<Object> totem;
    private ActorRef<CpgActor.Command> cpg;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        totem = kit.spawn(LoopbackTotem.create());
        ActorRef<ServiceSyncBarrier.Command> barrier =
                kit.spawn(ServiceSyncBarrier.create(totem.narrow(), Set.of(ServiceId.CPG)));
        cpg = kit.spawn(CpgActor.create(ServiceBinding.direct(totem.narrow(), barrier), LoopbackTotem.NODE));
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    /** Joins as soon as the first sync round is over (TRY_AGAIN before). */
    /**
     * Joins, retrying while the CPG answers TRY_AGAIN (no ring synced yet), for up to
     * {@link #JOIN_DEADLINE}: a cluster of several nodes in one JVM on a loaded machine can take
     * far longer than {@link #WAIT} to form and sync its first ring.
     */
    static void awaitJoin(ActorTestKit kit, ActorRef<CpgActor.Command> cpg, String group, long pid,
                          ActorRef<CpgNotification> listener) {
        TestProbe<CpgResult> reply = kit.createTestProbe();
        reply.awaitAssert(JOIN_DEADLINE, Duration.ofMillis(50), () -> {
            cpg.tell(new CpgActor.Join(group, pid, listener, false, reply.ref()));
            assertEquals(CpgResult.OK, reply.receiveMessage(WAIT));
            return null;
        });
    }

    private CpgResult request(Function<ActorRef<CpgResult>, CpgActor.Command> request) {
        TestProbe<CpgResult> reply = kit.createTestProbe();
        cpg.tell(request.apply(reply.ref()));
        return reply.receiveMessage(WAIT);
    }

    private CpgEvent next(TestProbe<CpgNotification> listener, CpgHandle handle) {
        CpgNotification notification = listener.receiveMessage(WAIT);
        assertEquals(handle, notification.handle());
        return notification.event();
    }

    @Test
    void aProcessJoinsMulticastsLearnsTheGroupStoresAContextAndLeaves() {
        TestProbe<CpgNotification> listener = kit.createTestProbe();
        CpgHandle handle = new CpgHandle(G, 10);
        awaitJoin(kit, cpg, G, 10, listener.ref());
        CpgMember me = new CpgMember(1, 10);
        assertEquals(new CpgConfChg(G, List.of(me), List.of(), List.of(new CpgAddress(me, CpgReason.JOIN))),
                next(listener, handle));

        assertEquals(CpgResult.OK, request(r -> new CpgActor.Mcast(handle, Delivery.AGREED, new byte[] {1}, r)));
        assertEquals(CpgResult.OK, request(r -> new CpgActor.Mcast(handle, Delivery.SAFE, new byte[] {2}, r)));
        assertEquals(new CpgDeliver(G, me, false, new byte[] {1}), next(listener, handle));
        assertEquals(new CpgDeliver(G, me, true, new byte[] {2}), next(listener, handle));

        TestProbe<CpgGroupMembers> members = kit.createTestProbe();
        cpg.tell(new CpgActor.MembershipGet(G, members.ref()));
        assertEquals(new CpgGroupMembers(G, List.of(me)), members.receiveMessage(WAIT));
        TestProbe<Integer> local = kit.createTestProbe();
        cpg.tell(new CpgActor.LocalGet(local.ref()));
        assertEquals(1, local.receiveMessage(WAIT));
        TestProbe<CpgActor.Groups> groups = kit.createTestProbe();
        cpg.tell(new CpgActor.IterateGroups(groups.ref()));
        assertEquals(List.of(new CpgGroupMembers(G, List.of(me))), groups.receiveMessage(WAIT).groups());

        TestProbe<CpgActor.Context> context = kit.createTestProbe();
        cpg.tell(new CpgActor.GetContext(handle, context.ref()));
        assertEquals(new CpgActor.Context(CpgResult.OK, Optional.empty()), context.receiveMessage(WAIT));
        assertEquals(CpgResult.OK, request(r -> new CpgActor.SetContext(handle, "mine", r)));
        cpg.tell(new CpgActor.GetContext(handle, context.ref()));
        assertEquals(new CpgActor.Context(CpgResult.OK, Optional.of("mine")), context.receiveMessage(WAIT));

        assertEquals(CpgResult.OK, request(r -> new CpgActor.Leave(handle, r)));
        assertEquals(new CpgConfChg(G, List.of(), List.of(new CpgAddress(me, CpgReason.LEAVE)), List.of()),
                next(listener, handle));
        cpg.tell(new CpgActor.GetContext(handle, context.ref()));
        assertEquals(CpgResult.NOT_EXIST, context.receiveMessage(WAIT).result(), "the handle is gone");
        assertEquals(CpgResult.NOT_EXIST, request(r -> new CpgActor.Mcast(handle, Delivery.AGREED, new byte[0], r)));
        listener.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aProcessWhoseListenerStopsLeavesWithProcdown() {
        TestProbe<CpgNotification> watcher = kit.createTestProbe();
        TestProbe<CpgNotification> doomed = kit.createTestProbe();
        awaitJoin(kit, cpg, G, 10, watcher.ref());
        awaitJoin(kit, cpg, G, 11, doomed.ref());
        next(watcher, new CpgHandle(G, 10));
        next(watcher, new CpgHandle(G, 10));
        doomed.stop();
        CpgMember gone = new CpgMember(1, 11);
        assertEquals(new CpgConfChg(G, List.of(new CpgMember(1, 10)), List.of(new CpgAddress(gone, CpgReason.PROCDOWN)),
                List.of()), next(watcher, new CpgHandle(G, 10)));
    }

    @Test
    void totemsTryAgainReachesTheClientAndUndoesAJoin() {
        TestProbe<CpgNotification> listener = kit.createTestProbe();
        CpgHandle handle = new CpgHandle(G, 10);
        awaitJoin(kit, cpg, G, 10, listener.ref());
        next(listener, handle);
        totem.tell(new LoopbackTotem.Full(true));
        assertEquals(CpgResult.TRY_AGAIN, request(r -> new CpgActor.Mcast(handle, Delivery.AGREED, new byte[1], r)));
        TestProbe<CpgNotification> other = kit.createTestProbe();
        assertEquals(CpgResult.TRY_AGAIN, request(r -> new CpgActor.Join(G, 11, other.ref(), false, r)));
        TestProbe<CpgActor.Context> context = kit.createTestProbe();
        cpg.tell(new CpgActor.GetContext(new CpgHandle(G, 11), context.ref()));
        assertEquals(CpgResult.NOT_EXIST, context.receiveMessage(WAIT).result(), "the refused join left no handle");
        totem.tell(new LoopbackTotem.Full(false));
        assertEquals(CpgResult.OK, request(r -> new CpgActor.Join(G, 11, other.ref(), false, r)));
        assertInstanceOf(CpgConfChg.class, next(other, new CpgHandle(G, 11)));
        TestProbe<CpgStatus> status = kit.createTestProbe();
        cpg.tell(new CpgActor.GetStatus(status.ref()));
        assertEquals(2, status.receiveMessage(WAIT).refusedByTotem());
    }

    @Test
    void theFlowControlStateIsEnabledFromTotemsTryAgainUntilTotemTakesAMessage() {
        TestProbe<CpgNotification> listener = kit.createTestProbe();
        CpgHandle handle = new CpgHandle(G, 10);
        awaitJoin(kit, cpg, G, 10, listener.ref());
        next(listener, handle);
        assertEquals(CpgFlowControl.DISABLED, flowControl(handle).state().orElseThrow());
        totem.tell(new LoopbackTotem.Full(true));
        assertEquals(CpgResult.TRY_AGAIN, request(r -> new CpgActor.Mcast(handle, Delivery.AGREED, new byte[1], r)));
        assertEquals(CpgFlowControl.ENABLED, flowControl(handle).state().orElseThrow());
        totem.tell(new LoopbackTotem.Full(false));
        assertEquals(CpgResult.OK, request(r -> new CpgActor.Mcast(handle, Delivery.AGREED, new byte[1], r)));
        assertEquals(CpgFlowControl.DISABLED, flowControl(handle).state().orElseThrow());
        assertEquals(new CpgActor.FlowControlState(CpgResult.NOT_EXIST, Optional.empty()),
                flowControl(new CpgHandle(G, 99)), "no such membership");
    }

    private CpgActor.FlowControlState flowControl(CpgHandle handle) {
        TestProbe<CpgActor.FlowControlState> reply = kit.createTestProbe();
        cpg.tell(new CpgActor.FlowControlStateGet(handle, reply.ref()));
        return reply.receiveMessage(WAIT);
    }

    @Test
    void aBadGroupNameIsInvalidParam() {
        TestProbe<CpgNotification> listener = kit.createTestProbe();
        assertEquals(CpgResult.INVALID_PARAM, request(r -> new CpgActor.Join("x".repeat(129), 1, listener.ref(), false, r)));
        assertEquals(CpgResult.INVALID_PARAM, request(r -> new CpgActor.Join("", 1, listener.ref(), false, r)));
        assertEquals(CpgResult.INVALID_PARAM, request(r -> new CpgActor.Join(G, -1, listener.ref(), false, r)));
        assertTrue(CpgLimits.groupNameProblem("x".repeat(129)).isPresent());
    }
}
