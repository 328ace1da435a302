package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultStatus;
import io.ringsync.protocol.wire.LinkPing;
import io.ringsync.protocol.wire.WireFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault filter in two real Aeron transports on loopback: frames to a cut peer and from a cut
 * peer are dropped and counted, and frames flow again after the heal; duplication reaches the
 * listener. Aeron delivers one publication's frames in order, so a marker sent after the heal
 * arriving alone shows that nothing sent during the cut got through. A node without
 * {@code transport.fault_injection} refuses every fault request, directly and through its
 * {@link TransportActor}.
 */
class FaultInjectionTransportTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final BlockingQueue<WireFrame> received = new LinkedBlockingQueue<>();

    private RingsyncSettings settings(int id, List<NodeEntry> nodes, boolean faults) {
        return TestSettings.node(id, nodes, tmp.resolve("n" + id), TestSettings.FAST_LINKS,
                TestSettings.transport().withFaultInjection(faults));
    }

    private static LinkPing ping(long seq) {
        return new LinkPing(1, 2, 0, seq, 0);
    }

    @Test
    void cutFramesAreDroppedAndFlowAgainAfterTheHeal() throws Exception {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(2);
        try (AeronTransport one = new AeronTransport(settings(1, nodes, true), (link, frame, nanos) -> { });
             AeronTransport two = new AeronTransport(settings(2, nodes, true), (link, frame, nanos) -> received.add(frame))) {
            connect(one);

            one.changeFaults(new FaultChange.Cut(Set.of(2), Set.of()));
            for (long seq = 1; seq <= 10; seq++) {
                assertEquals(SendResult.SENT, one.send(2, 0, ping(seq)), "a cut loses frames silently");
            }
            assertEquals(10, one.faultStatus().cutOutbound());
            one.changeFaults(FaultChange.Heal.INSTANCE);
            one.send(2, 0, ping(11));
            assertEquals(List.of(11L), receivedUntil(1, seqs -> seqs.contains(11L)),
                    "nothing sent through the outbound cut arrived");

            two.changeFaults(new FaultChange.Cut(Set.of(), Set.of(1)));
            for (long seq = 12; seq <= 21; seq++) {
                one.send(2, 0, ping(seq));
            }
            awaitCounter(two, FaultStatus::cutInbound, count -> count == 10);
            two.changeFaults(FaultChange.Heal.INSTANCE);
            one.send(2, 0, ping(22));
            assertEquals(List.of(22L), receivedUntil(12, seqs -> seqs.contains(22L)), "nothing heard through the inbound cut");

            two.changeFaults(new FaultChange.Disturb(0, 1, 0, 3));
            one.send(2, 0, ping(23));
            one.send(2, 0, ping(24));
            assertEquals(List.of(23L, 23L, 24L, 24L), receivedUntil(23, seqs -> seqs.size() == 4), "each delivered twice");
            assertEquals(2, two.faultStatus().duplicated());
        }
    }

    @Test
    void withoutTheSettingEveryFaultRequestIsRefused() throws Exception {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(2);
        String off = "fault injection is off on node 1 (set transport.fault_injection = true in its config;"
                + " test clusters only)";
        try (AeronTransport one = new AeronTransport(settings(1, nodes, false), (link, frame, nanos) -> { })) {
            assertEquals(off, assertThrows(IllegalStateException.class,
                    () -> one.changeFaults(FaultChange.Cut.both(Set.of(2)))).getMessage());
            assertEquals(off, assertThrows(IllegalStateException.class, one::faultStatus).getMessage());
        }
        ActorTestKit kit = ActorTestKit.create("faults-off");
        try {
            ActorRef<TransportActor.Command> transport = kit.spawn(TransportActor.create(settings(1, nodes, false)));
            TestProbe<TransportActor.FaultReply> probe = kit.createTestProbe();
            transport.tell(new TransportActor.ChangeFaults(FaultChange.Heal.INSTANCE, probe.ref()));
            assertEquals(TransportActor.FaultReply.refused(off), probe.receiveMessage(DEADLINE));
            transport.tell(new TransportActor.GetFaults(probe.ref()));
            assertEquals(TransportActor.FaultReply.refused(off), probe.receiveMessage(DEADLINE));
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void theActorAppliesChangesAndRefusesOnesThatDoNotFit() {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(3);
        ActorTestKit kit = ActorTestKit.create("faults-on");
        try {
            ActorRef<TransportActor.Command> transport = kit.spawn(TransportActor.create(settings(1, nodes, true)));
            TestProbe<TransportActor.FaultReply> probe = kit.createTestProbe();
            transport.tell(new TransportActor.ChangeFaults(FaultChange.Cut.both(Set.of(3)), probe.ref()));
            TransportActor.FaultReply reply = probe.receiveMessage(DEADLINE);
            assertTrue(reply.ok(), reply.toString());
            assertEquals(Set.of(3), reply.status().plan().cutFrom());
            transport.tell(new TransportActor.ChangeFaults(FaultChange.Cut.both(Set.of(4)), probe.ref()));
            assertEquals(TransportActor.FaultReply.refused("no such peer in the nodelist: [4] (peers: [2, 3])"),
                    probe.receiveMessage(DEADLINE));
            transport.tell(new TransportActor.GetFaults(probe.ref()));
            assertEquals(Set.of(3), probe.receiveMessage(DEADLINE).status().plan().cutTo(), "the refused change left the plan");
        } finally {
            kit.shutdownTestKit();
        }
    }

    /** Pings (seq 0) until node 2 hears one (NOT_CONNECTED until its image connects), then empties the queue. */
    private void connect(AeronTransport one) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (received.poll(50, TimeUnit.MILLISECONDS) == null) {
            assertTrue(System.nanoTime() < deadline, "node 2 heard no ping within 30 s: " + one.stats());
            one.send(2, 0, ping(0));
        }
    }

    /** The seqs of the pings received with seq {@code from} or above (earlier ones skipped), once they are {@code done}. */
    private List<Long> receivedUntil(long from, Predicate<List<Long>> done) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(seqs)) {
            WireFrame frame = received.poll(100, TimeUnit.MILLISECONDS);
            assertTrue(System.nanoTime() < deadline, "pings not received within 30 s; got " + seqs);
            if (frame instanceof LinkPing p && p.seq() >= from) {
                seqs.add(p.seq());
            }
        }
        return seqs;
    }

    private static void awaitCounter(AeronTransport transport, ToLongFunction<FaultStatus> counter, LongPredicate done)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(counter.applyAsLong(transport.faultStatus()))) {
            assertTrue(System.nanoTime() < deadline, "fault counter not reached within 30 s: " + transport.faultStatus());
            Thread.sleep(20);
        }
    }
}
