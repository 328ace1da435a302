package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.wire.LinkPing;
import io.ringsync.protocol.wire.WireFrame;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * totem.downcheck in the transport actor over real Aeron on loopback: node 1's UDP port is held
 * by a plain socket, so its transport cannot open; the actor keeps running, reports the failure
 * (watcher, counters), drops and counts what it is asked to send, refuses fault requests, and
 * tries again every downcheck (200 ms here) without spinning. Once the socket is closed the
 * endpoint opens, a waiting {@link TransportActor.GetSender} is answered, and frames flow both
 * ways with a peer.
 */
class TransportDowncheckTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long DOWNCHECK_MS = 200;

    @TempDir
    Path tmp;

    private final ActorTestKit kit = ActorTestKit.create("downcheck");

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    private RingsyncSettings settings(int id, List<NodeEntry> nodes) {
        return TestSettings.node(id, nodes, tmp.resolve("n" + id), TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.totem().withDowncheckMs(DOWNCHECK_MS));
    }

    @Test
    void aHeldPortIsTriedAgainEveryDowncheckAndOnceFreeTheTransportWorks() throws Exception {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(2);
        LinkAddress own = nodes.get(0).links().get(0);
        BlockingQueue<TransportActor.Inbound> atOne = new LinkedBlockingQueue<>();
        BlockingQueue<WireFrame> atTwo = new LinkedBlockingQueue<>();
        TestProbe<EndpointStatus> watcher = kit.createTestProbe();
        TestProbe<TransportActor.SenderReady> senderProbe = kit.createTestProbe();
        ActorRef<TransportActor.Command> one;
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(own.host(), own.port()))) {
            long startNs = System.nanoTime();
            one = kit.spawn(TransportActor.create(settings(1, nodes)), "transport-1");
            one.tell(new TransportActor.WatchEndpoint(watcher.ref()));
            EndpointStatus down = fishStatus(watcher, s -> s.openFailures() >= 3);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertFalse(down.open());
            assertEquals(own.hostPort() + " (link 0): Address already in use", down.lastFailure());
            assertTrue(down.openFailures() <= 2 + elapsedMs / DOWNCHECK_MS,
                    "one attempt per downcheck, no spinning: " + down.openFailures() + " in " + elapsedMs + " ms");

            one.tell(new TransportActor.Subscribe(kit.spawn(Behaviors.receive(TransportActor.Inbound.class)
                    .onAnyMessage(inbound -> {
                        atOne.add(inbound);
                        return Behaviors.same();
                    }).build())));
            one.tell(new TransportActor.Send(2, 0, new LinkPing(1, 2, 0, 1, 0)));
            one.tell(new TransportActor.GetSender(senderProbe.ref()));
            Map<String, Long> counters = stats(one);
            assertEquals(0L, counters.get("endpoint.open"));
            assertTrue(counters.get("endpoint.open_failures") >= 3, counters.toString());
            assertEquals(1L, counters.get("endpoint.frames_dropped"), "the send while down is dropped and counted");
            TestProbe<TransportActor.FaultReply> faults = kit.createTestProbe();
            one.tell(new TransportActor.GetFaults(faults.ref()));
            TransportActor.FaultReply refused = faults.receiveMessage(DEADLINE);
            assertFalse(refused.ok());
            assertTrue(refused.refusal().contains("its endpoint is not open (" + own.hostPort()), refused.refusal());
            one.tell(new TransportActor.ChangeFaults(FaultChange.Heal.INSTANCE, faults.ref()));
            assertFalse(faults.receiveMessage(DEADLINE).ok());
        }

        EndpointStatus up = fishStatus(watcher, EndpointStatus::open);
        assertTrue(up.openFailures() >= 3, "the failures stay counted: " + up);
        FrameSender sender = senderProbe.receiveMessage(DEADLINE).sender();
        assertEquals(1L, stats(one).get("endpoint.open"));

        try (AeronTransport two = new AeronTransport(settings(2, nodes), (link, frame, nanos) -> atTwo.add(frame))) {
            LinkPing toTwo = new LinkPing(1, 2, 0, 2, 0);
            assertEquals(toTwo, sendUntilArrived(() -> sender.send(2, 0, toTwo), atTwo));
            LinkPing toOne = new LinkPing(2, 1, 0, 3, 0);
            assertEquals(toOne, sendUntilArrived(() -> two.send(1, 0, toOne), atOne).frame());
        }
    }

    private static EndpointStatus fishStatus(TestProbe<EndpointStatus> watcher,
                                             java.util.function.Predicate<EndpointStatus> wanted) {
        List<EndpointStatus> seen = watcher.fishForMessage(DEADLINE,
                status -> wanted.test(status) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return seen.get(seen.size() - 1);
    }

    private Map<String, Long> stats(ActorRef<TransportActor.Command> transport) {
        TestProbe<TransportStats> probe = kit.createTestProbe();
        transport.tell(new TransportActor.GetStats(probe.ref()));
        return probe.receiveMessage(DEADLINE).asMap();
    }

    /** Sends every 50 ms (NOT_CONNECTED until the peer's image connects) until something arrives. */
    private static <T> T sendUntilArrived(Runnable send, BlockingQueue<T> arrivals) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            send.run();
            T got = arrivals.poll(50, TimeUnit.MILLISECONDS);
            if (got != null) {
                return got;
            }
            assertTrue(System.nanoTime() < deadline, "nothing arrived within " + DEADLINE);
        }
    }
}
