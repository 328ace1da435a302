package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The multicast-and-compare steps of the Totem ring tests over real Aeron. */
final class TotemRingChecks {

    private TotemRingChecks() {
    }

    /** An event log subscribed to each node of {@code ids}, in that order. */
    static List<TotemEventLog> subscribeAll(LocalCluster cluster, List<Integer> ids) {
        List<TotemEventLog> logs = new ArrayList<>();
        for (int id : ids) {
            logs.add(TotemEventLog.subscribe(cluster.node(id), "events"));
        }
        return logs;
    }

    /** Every node of {@code ids} multicasts {@code perNode} messages (every third SAFE); all are ACCEPTED. */
    static void multicastAll(LocalCluster cluster, List<Integer> ids, int perNode, Duration deadline) {
        multicastAll(cluster, ids, 0, perNode, deadline);
    }

    /**
     * As {@link #multicastAll(LocalCluster, List, int, Duration)}, messages {@code from} to
     * {@code from + perNode - 1} of each node (a test sending in several rounds).
     */
    static void multicastAll(LocalCluster cluster, List<Integer> ids, int from, int perNode, Duration deadline) {
        List<TestProbe<TotemActor.MulticastResult>> replies = new ArrayList<>();
        for (int id : ids) {
            replies.add(cluster.node(id).kit().createTestProbe());
        }
        for (int i = from; i < from + perNode; i++) {
            for (int n = 0; n < ids.size(); n++) {
                int id = ids.get(n);
                byte[] payload = payload(id, i).getBytes(StandardCharsets.UTF_8);
                cluster.node(id).totem().tell(new TotemActor.Multicast(delivery(i), payload, replies.get(n).ref()));
            }
        }
        for (TestProbe<TotemActor.MulticastResult> reply : replies) {
            for (TotemActor.MulticastResult result : reply.receiveSeveralMessages(perNode, deadline)) {
                assertEquals(TotemActor.MulticastResult.ACCEPTED, result);
            }
        }
    }

    /**
     * Waits until every log holds {@code ids.size() * perNode} deliveries, then checks that each
     * node delivered the same messages in the same order, all on {@code ring}, right after the
     * same REGULAR configuration of {@code ring} with members {@code ids}, each message once and
     * with its guarantee. Returns the common order.
     */
    static List<Delivered> awaitSameOrder(LocalCluster cluster, List<TotemEventLog> logs, List<Integer> ids, int perNode,
                                          RingId ring, Duration deadline) {
        int total = ids.size() * perNode;
        TestProbe<Object> poll = cluster.node(ids.get(0)).kit().createTestProbe();
        poll.awaitAssert(deadline, Duration.ofMillis(50), () -> {
            for (int n = 0; n < logs.size(); n++) {
                assertTrue(logs.get(n).delivered().size() >= total,
                        "node " + ids.get(n) + " delivered " + logs.get(n).delivered().size() + " of " + total);
            }
            return null;
        });
        ConfigurationChanged expected = null;
        List<Delivered> first = null;
        for (int n = 0; n < logs.size(); n++) {
            List<TotemEvent> events = logs.get(n).events();
            int firstDelivery = events.indexOf(logs.get(n).delivered().get(0));
            List<TotemEvent> tail = events.subList(firstDelivery, events.size());
            assertTrue(tail.stream().allMatch(Delivered.class::isInstance), "node " + ids.get(n) + ": no configuration"
                    + " change among the deliveries: " + tail.stream().filter(e -> !(e instanceof Delivered)).toList());
            ConfigurationChanged before = (ConfigurationChanged) events.get(firstDelivery - 1);
            if (expected == null) {
                expected = before;
                assertEquals(new ConfigurationChanged(ConfigurationKind.REGULAR, ring, ids, before.left(), before.joined()),
                        before, "node " + ids.get(n));
            }
            assertEquals(List.of(expected.kind(), expected.ringId(), expected.members()),
                    List.of(before.kind(), before.ringId(), before.members()),
                    "node " + ids.get(n) + " delivered after another configuration (joined and left are its own)");
            List<Delivered> delivered = logs.get(n).delivered();
            if (first == null) {
                first = delivered;
                checkEveryMessageOnce(first, ids, perNode, ring);
            }
            assertEquals(first, delivered, "node " + ids.get(n) + "'s order differs from node " + ids.get(0) + "'s");
        }
        return first;
    }

    private static void checkEveryMessageOnce(List<Delivered> delivered, List<Integer> ids, int perNode, RingId ring) {
        Set<String> expected = new HashSet<>();
        for (int id : ids) {
            for (int i = 0; i < perNode; i++) {
                expected.add(payload(id, i));
            }
        }
        Set<String> seen = new HashSet<>();
        long previousSeq = 0;
        for (Delivered d : delivered) {
            String payload = new String(d.payload(), StandardCharsets.UTF_8);
            assertEquals(ring, d.ringId(), "ring of " + d);
            assertTrue(d.seq() >= previousSeq, "seqs never decrease (messages packed together share one): " + d);
            previousSeq = d.seq();
            assertTrue(seen.add(payload), "delivered twice: " + payload);
            assertEquals("n" + d.senderNodeId(), payload.substring(0, payload.indexOf('-')), "sender of " + payload);
            assertEquals(delivery(Integer.parseInt(payload.substring(payload.indexOf('-') + 1))), d.delivery(), payload);
        }
        assertEquals(expected, seen, "every node's messages, own included");
    }

    private static String payload(int nodeId, int i) {
        return "n" + nodeId + "-" + i;
    }

    private static Delivery delivery(int i) {
        return i % 3 == 0 ? Delivery.SAFE : Delivery.AGREED;
    }
}
