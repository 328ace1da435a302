package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java API over a one-node loopback Totem: a join gives a handle whose listener is a plain
 * callback; results arrive as stages; a failure completes the stage with a {@link CpgException}
 * naming the {@link CpgResult}; closing a handle ends the process with PROCDOWN; one
 * {@link CpgListener} serves several groups in one order.
 */
class CpgApiTest {

    private ActorTestKit kit;
    private Cpg cpg;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        ActorRef<Object> totem = kit.spawn(LoopbackTotem.create());
        ActorRef<ServiceSyncBarrier.Command> barrier =
                kit.spawn(ServiceSyncBarrier.create(totem.narrow(), Set.of(ServiceId.CPG)));
        cpg = Cpg.of(kit.spawn(CpgActor.create(ServiceBinding.direct(totem.narrow(), barrier), 1)), kit.system());
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Joins once the first sync round is over. */
    private CpgGroupHandle join(String group, long pid, TestProbe<CpgNotification> events) {
        TestProbe<Object> poll = kit.createTestProbe();
        return poll.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> await(cpg.join(group, pid, false, events.ref()::tell)));
    }

    @Test
    void theApiJoinsMulticastsReadsTheGroupAndStoresAContext() throws Exception {
        TestProbe<CpgNotification> events = kit.createTestProbe();
        CpgGroupHandle handle = join("g", 10, events);
        assertInstanceOf(CpgConfChg.class, events.receiveMessage(Duration.ofSeconds(10)).event());
        await(handle.mcast(Delivery.AGREED, new byte[] {42}));
        assertEquals(new CpgDeliver("g", new CpgMember(1, 10), false, new byte[] {42}),
                events.receiveMessage(Duration.ofSeconds(10)).event());
        assertEquals(List.of(new CpgMember(1, 10)), await(handle.members()));
        assertEquals(1, await(cpg.localNodeId()));
        assertEquals(List.of(new CpgGroupMembers("g", List.of(new CpgMember(1, 10)))), await(cpg.groups()));
        assertEquals(Optional.empty(), await(handle.context()));
        await(handle.context(List.of("any", "object")));
        assertEquals(Optional.of(List.of("any", "object")), await(handle.context()));
    }

    @Test
    void aFailedRequestCompletesWithACpgExceptionNamingTheResult() {
        TestProbe<CpgNotification> events = kit.createTestProbe();
        join("g", 10, events);
        ExecutionException again = assertThrows(ExecutionException.class,
                () -> await(cpg.join("g", 10, false, events.ref()::tell)));
        assertEquals(CpgResult.EXIST, assertInstanceOf(CpgException.class, again.getCause()).result());
        ExecutionException tooLong = assertThrows(ExecutionException.class,
                () -> await(cpg.join("x".repeat(200), 10, false, events.ref()::tell)));
        assertEquals(CpgResult.INVALID_PARAM, ((CpgException) tooLong.getCause()).result());
    }

    @Test
    void closingAHandleEndsTheProcessWithProcdown() throws Exception {
        TestProbe<CpgNotification> watcher = kit.createTestProbe();
        join("g", 10, watcher);
        CpgGroupHandle leaving = join("g", 11, kit.createTestProbe());
        watcher.receiveSeveralMessages(2, Duration.ofSeconds(10));
        leaving.close();
        CpgConfChg procDown = (CpgConfChg) watcher.receiveMessage(Duration.ofSeconds(10)).event();
        assertEquals(List.of(new CpgAddress(new CpgMember(1, 11), CpgReason.PROCDOWN)), procDown.left());
        ExecutionException gone = assertThrows(ExecutionException.class,
                () -> await(leaving.mcast(Delivery.AGREED, new byte[1])));
        assertEquals(CpgResult.NOT_EXIST, ((CpgException) gone.getCause()).result());
    }

    @Test
    void oneListenerForTwoGroupsHearsThemInOneOrderAndEndsEachMembershipOnItsOwnOrAllAtOnce() throws Exception {
        TestProbe<CpgNotification> shared = kit.createTestProbe();
        TestProbe<CpgNotification> watcher = kit.createTestProbe();
        join("a", 10, watcher);
        join("b", 10, watcher);
        watcher.receiveSeveralMessages(2, Duration.ofSeconds(10));
        CpgListener listener = cpg.listener(shared.ref()::tell);
        CpgGroupHandle inA = await(cpg.join("a", 11, false, listener));
        CpgGroupHandle inB = await(cpg.join("b", 11, false, listener));
        assertEquals(List.of("a", "b"), shared.receiveSeveralMessages(2, Duration.ofSeconds(10)).stream()
                .map(n -> n.handle().group()).toList());
        watcher.receiveSeveralMessages(2, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            await((i % 2 == 0 ? inA : inB).mcast(Delivery.AGREED, new byte[] {(byte) i}));
        }
        List<Byte> heard = shared.receiveSeveralMessages(20, Duration.ofSeconds(10)).stream()
                .map(n -> ((CpgDeliver) n.event()).payload()[0]).toList();
        assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> (byte) i).toList(), heard,
                "one listener hears its groups' messages in the order they were multicast");
        assertEquals(CpgFlowControl.DISABLED, await(inA.flowControlState()));

        inA.close();
        CpgConfChg leftA = (CpgConfChg) watcher.fishForMessage(Duration.ofSeconds(10), n ->
                n.event() instanceof CpgConfChg ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
                .get(0).event();
        assertEquals(new CpgConfChg("a", List.of(new CpgMember(1, 10)),
                List.of(new CpgAddress(new CpgMember(1, 11), CpgReason.PROCDOWN)), List.of()), leftA);
        ExecutionException gone = assertThrows(ExecutionException.class, () -> await(inA.flowControlState()));
        assertEquals(CpgResult.NOT_EXIST, ((CpgException) gone.getCause()).result());
        await(inB.mcast(Delivery.AGREED, new byte[] {99}));
        assertEquals(new CpgDeliver("b", new CpgMember(1, 11), false, new byte[] {99}),
                shared.receiveMessage(Duration.ofSeconds(10)).event(), "the shared listener serves group b still");

        listener.close();
        CpgConfChg leftB = (CpgConfChg) watcher.fishForMessage(Duration.ofSeconds(10), n ->
                n.event() instanceof CpgConfChg ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
                .get(0).event();
        assertEquals(new CpgConfChg("b", List.of(new CpgMember(1, 10)),
                List.of(new CpgAddress(new CpgMember(1, 11), CpgReason.PROCDOWN)), List.of()), leftB);
    }
}
