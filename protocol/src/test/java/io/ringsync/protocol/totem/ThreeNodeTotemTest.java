package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TransitionReason;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.transport.AeronTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, each a TransportActor, LinkMonitorActor and TotemActor over real
 * Aeron UDP on loopback, with quick Totem timers (token 350 ms): they form one ring, order
 * every node's messages identically, and form a new ring when a node crashes, leaves, or has
 * its TotemActor restarted. Conditions are awaited through the counters and the subscribers'
 * events, with generous deadlines.
 */
class ThreeNodeTotemTest {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final int PER_NODE = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void oneRingOrdersEveryMessageIdenticallyAndACrashedNodeIsDropped() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);

            long startNs = System.nanoTime();
            TotemRingChecks.multicastAll(cluster, ALL, PER_NODE, DEADLINE);
            List<Delivered> order = TotemRingChecks.awaitSameOrder(cluster, logs, ALL, PER_NODE, ring, DEADLINE);
            System.out.printf("ThreeNodeTotemTest: %d messages delivered on 3 nodes in %.2f s%n", order.size(),
                    (System.nanoTime() - startNs) / 1e9);
            for (int id : ALL) {
                TotemStats stats = Rings.stats(cluster, id);
                assertEquals(PER_NODE, stats.multicastsAccepted(), "node " + id + " " + stats);
                assertTrue(stats.orderingTotal().mcastTx() > 0 && stats.orderingTotal().mcastTx() <= PER_NODE,
                        "node " + id + " originated its messages in at most as many Totem messages: " + stats);
                assertEquals(3 * PER_NODE, stats.srp().delivered(), "node " + id + " " + stats);
                assertEquals(0, stats.srp().failedToReceive(), "node " + id + " " + stats);
            }

            List<Integer> configsBefore = List.of(logs.get(0).configurations().size(), logs.get(1).configurations().size());
            cluster.stop(3);
            RingId survivors = Rings.awaitOneRing(cluster, List.of(1, 2), DEADLINE);
            for (int id : List.of(1, 2)) {
                List<ConfigurationChanged> after = logs.get(id - 1).configurationsAfter(configsBefore.get(id - 1));
                assertTrue(after.size() >= 2, "node " + id + ": " + after);
                assertEquals(new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, after.get(0).ringId(), List.of(1, 2),
                        List.of(3), List.of()), after.get(0), "node " + id);
                assertEquals(new ConfigurationChanged(ConfigurationKind.REGULAR, after.get(0).ringId(), List.of(1, 2),
                        List.of(3), List.of()), after.get(1), "node " + id);
                assertEquals(survivors, logs.get(id - 1).lastRegular().ringId(), "node " + id);
                assertEquals(3 * PER_NODE, logs.get(id - 1).delivered().size(), "nothing delivered twice, node " + id);
            }
            assertNotEquals(ring, survivors);
        }
    }

    @Test
    void aMessageAboveTheWireCapIsFragmentedAndDeliveredWholeAndOneAboveOneMebibyteIsRefused() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            Rings.awaitOneRing(cluster, ALL, DEADLINE);
            byte[] large = new byte[200 * 1024];
            new SplittableRandom(7).nextBytes(large);
            assertTrue(large.length > AeronTransport.maxPayloadBytes(cluster.settings(2)));
            TestProbe<TotemActor.MulticastResult> reply = cluster.node(2).kit().createTestProbe();
            cluster.node(2).totem().tell(new TotemActor.Multicast(Delivery.SAFE, large, reply.ref()));
            reply.expectMessage(Duration.ofSeconds(5), TotemActor.MulticastResult.ACCEPTED);
            cluster.node(2).totem().tell(new TotemActor.Multicast(Delivery.AGREED, new byte[1024 * 1024 + 1], reply.ref()));
            reply.expectMessage(Duration.ofSeconds(5), TotemActor.MulticastResult.TOO_LARGE);

            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                for (TotemEventLog log : logs) {
                    assertEquals(1, log.delivered().size(), "one whole message, not its fragments");
                }
                return null;
            });
            for (TotemEventLog log : logs) {
                Delivered d = log.delivered().get(0);
                assertEquals(List.of(2, Delivery.SAFE), List.of(d.senderNodeId(), d.delivery()));
                assertTrue(Arrays.equals(large, d.payload()), "the payload arrives intact");
            }
            assertTrue(Rings.stats(cluster, 2).orderingTotal().mcastTx() > 1, "sent as several Totem messages");
        }
    }

    @Test
    void aGracefulLeaveIsSeenAtOnceNotAfterTheTokenTimeout() {
        // Corosync's default timers (effective token 3650 ms), so only the leave explains a quick new ring
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.totem()).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            Rings.awaitOneRing(cluster, ALL, DEADLINE);

            TestProbe<Done> left = cluster.node(2).kit().createTestProbe();
            long startNs = System.nanoTime();
            cluster.node(2).totem().tell(new TotemActor.Leave(left.ref()));
            left.expectMessage(Duration.ofSeconds(5), Done.getInstance());
            cluster.stop(2);
            Duration halfTheTokenTimeout = Duration.ofMillis(TestSettings.totem().effectiveTokenMs(3) / 2);
            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(halfTheTokenTimeout, Duration.ofMillis(20), () -> {
                for (int id : List.of(1, 3)) {
                    ConfigurationChanged regular = logs.get(id - 1).lastRegular();
                    assertEquals(List.of(1, 3), regular.members(), "node " + id);
                    assertEquals(List.of(2), regular.left(), "node " + id);
                }
                return null;
            });
            System.out.printf("ThreeNodeTotemTest: a leave became a new ring on nodes 1 and 3 within %.0f ms%n",
                    (System.nanoTime() - startNs) / 1e6);
            for (int id : List.of(1, 3)) {
                TotemStats stats = Rings.stats(cluster, id);
                assertEquals(0, stats.srp().tokenLosses().getOrDefault(MembershipState.OPERATIONAL, 0L),
                        "node " + id + " saw the leave, not a token loss: " + stats.srp());
            }
            assertTrue(Rings.stats(cluster, 1).srp().membership().reason(TransitionReason.JOIN_IN_OPERATIONAL)
                    + Rings.stats(cluster, 3).srp().membership().reason(TransitionReason.JOIN_IN_OPERATIONAL) > 0);
        }
    }

    @Test
    void aRestartedTotemActorMakesTheRingFormAgain() throws Exception {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            RingId before = Rings.awaitOneRing(cluster, ALL, DEADLINE);
            int node1Configs = logs.get(0).configurations().size();

            cluster.crashTotem(2);
            TotemEventLog resubscribed = TotemEventLog.subscribe(cluster.node(2), "resubscribed");
            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            RingId after = poll.awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);
                assertTrue(ring.ringSeq() > before.ringSeq(), "a new ring after " + before + ", not " + ring);
                return ring;
            });

            assertTrue(Rings.stats(cluster, 2).ringSeqWrites() >= 1, "the new instance committed to a ring");
            ConfigurationChanged regular = resubscribed.lastRegular();
            assertEquals(new ConfigurationChanged(ConfigurationKind.REGULAR, after, ALL, List.of(), List.of(1, 3)), regular,
                    "to the restarted node, the others joined it");
            assertEquals(after.ringSeq(), RingSeqStore.read(cluster.settings(2).system().stateDir()),
                    "the restarted node persisted the new ring's seq");
            List<ConfigurationChanged> seenBy1 = logs.get(0).configurationsAfter(node1Configs);
            assertEquals(after, seenBy1.get(seenBy1.size() - 1).ringId(), "node 1: " + seenBy1);
            assertEquals(ALL, seenBy1.get(seenBy1.size() - 1).members(), "node 1: " + seenBy1);
            assertTrue(seenBy1.stream().anyMatch(c -> c.kind() == ConfigurationKind.TRANSITIONAL
                    && c.members().equals(List.of(1, 3)) && c.left().equals(List.of(2))),
                    "node 1 moved on with node 3; node 2 came back from a ring of its own: " + seenBy1);
        }
    }

    /**
     * A {@link TotemActor.SubscribeBatches} subscriber gets exactly the events a {@link
     * TotemActor.Subscribe}d one gets, in the same order, fewer actor messages carrying them; its
     * filter applies to deliveries, not to configuration changes.
     */
    @Test
    void batchesCarryTheSameEventsInTheSameOrderAndTheFilterHoldsBackDeliveriesOnly() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);
            TotemEventLog single = TotemEventLog.subscribe(cluster.node(1), "single");
            TotemEventLog batched = TotemEventLog.subscribeBatches(cluster.node(1), "batched", DeliveryFilter.ALL);
            TotemEventLog configurationsOnly = TotemEventLog.subscribeBatches(cluster.node(1), "none",
                    DeliveryFilter.NONE);

            TotemRingChecks.multicastAll(cluster, ALL, PER_NODE, DEADLINE);
            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                assertEquals(3 * PER_NODE, single.delivered().size());
                assertEquals(3 * PER_NODE, batched.delivered().size());
                return null;
            });

            assertEquals(single.events(), batched.events(), "the same events in the same order");
            ConfigurationChanged current = batched.configurations().get(0);
            assertEquals(List.of(ConfigurationKind.REGULAR, ring), List.of(current.kind(), current.ringId()),
                    "a late subscriber first gets the current regular configuration");
            assertTrue(batched.batches() < batched.events().size() / 4,
                    batched.batches() + " batches for " + batched.events().size() + " events");
            assertEquals(List.of(current), configurationsOnly.events(), "DeliveryFilter.NONE: configurations only");
        }
    }
}
