package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, each a TransportActor, LinkMonitorActor and TotemActor over real
 * Aeron UDP on loopback: once links are up and the rep starts the ring, every node multicasts
 * {@value #PER_NODE} messages (every third SAFE), and every node delivers all of them, its own
 * included, exactly once and in one identical total order. Once idle, the rep holds the token.
 */
class ThreeNodeTotemTest {

    private static final int NODES = 3;
    private static final int PER_NODE = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** One delivery as compared across nodes. */
    private record Seen(long seq, int sender, Delivery delivery, String payload) {
    }

    @Test
    void everyNodeDeliversEveryMessageOnceInTheSameOrder() {
        List<List<Seen>> delivered = new ArrayList<>();
        try (LocalCluster cluster = new LocalCluster(NODES, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.FAST_TOTEM).startAll()) {
            List<ActorRef<TotemActor.Command>> totems = new ArrayList<>();
            List<TestProbe<TotemActor.Delivered>> deliveries = new ArrayList<>();
            for (int id = 1; id <= NODES; id++) {
                LocalCluster.Node node = cluster.node(id);
                ActorRef<TotemActor.Command> totem = node.kit().spawn(TotemActor.create(node.settings(), node.transport()), "totem");
                TestProbe<TotemActor.Delivered> probe = node.kit().createTestProbe();
                totem.tell(new TotemActor.Subscribe(probe.ref()));
                totems.add(totem);
                deliveries.add(probe);
            }
            for (int id = 1; id <= NODES; id++) {
                cluster.awaitLinks(id, s -> true, true, DEADLINE);
            }
            totems.get(0).tell(TotemActor.Start.INSTANCE);

            long startNs = System.nanoTime();
            multicastAll(cluster, totems);
            for (TestProbe<TotemActor.Delivered> probe : deliveries) {
                delivered.add(probe.receiveSeveralMessages(NODES * PER_NODE, DEADLINE).stream()
                        .map(d -> new Seen(d.seq(), d.senderNodeId(), d.delivery(),
                                new String(d.payload(), StandardCharsets.UTF_8)))
                        .toList());
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            System.out.printf("ThreeNodeTotemTest: %d messages delivered on %d nodes in %.2f s (%.0f msg/s per node)%n",
                    NODES * PER_NODE, NODES, seconds, NODES * PER_NODE / seconds);
            for (int id = 1; id <= NODES; id++) {
                TotemStats stats = stats(cluster, totems.get(id - 1), id);
                assertEquals(NODES * PER_NODE, stats.ordering().delivered(), "node " + id + " " + stats);
                assertEquals(PER_NODE, stats.ordering().mcastTx(), "node " + id + " " + stats);
                assertEquals(0, stats.ordering().failedToReceive(), "node " + id + " " + stats);
                assertEquals(0, stats.tokenSilences(), "node " + id + " " + stats);
            }
            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(DEADLINE, Duration.ofMillis(100), () -> {
                assertTrue(stats(cluster, totems.get(0), 1).tokenHolds() > 1, "idle ring: the rep holds the token");
                return null;
            });
        }
        assertSameTotalOrderOfEveryMessageOnce(delivered);
        for (int id = 1; id <= NODES; id++) {
            assertFalse(tmp.resolve("node" + id).resolve("aeron").toFile().exists(), "node " + id + " aeron dir");
        }
    }

    private static void multicastAll(LocalCluster cluster, List<ActorRef<TotemActor.Command>> totems) {
        List<TestProbe<TotemActor.MulticastResult>> replies = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            replies.add(cluster.node(id).kit().createTestProbe());
        }
        for (int i = 0; i < PER_NODE; i++) {
            for (int id = 1; id <= NODES; id++) {
                byte[] payload = payload(id, i).getBytes(StandardCharsets.UTF_8);
                totems.get(id - 1).tell(new TotemActor.Multicast(delivery(i), payload, replies.get(id - 1).ref()));
            }
        }
        for (TestProbe<TotemActor.MulticastResult> reply : replies) {
            for (TotemActor.MulticastResult result : reply.receiveSeveralMessages(PER_NODE, DEADLINE)) {
                assertEquals(TotemActor.MulticastResult.ACCEPTED, result);
            }
        }
    }

    private static void assertSameTotalOrderOfEveryMessageOnce(List<List<Seen>> delivered) {
        List<Seen> first = delivered.get(0);
        for (int n = 1; n < delivered.size(); n++) {
            assertEquals(first, delivered.get(n), "node " + (n + 1) + " order differs from node 1's");
        }
        Set<String> expected = new HashSet<>();
        for (int id = 1; id <= NODES; id++) {
            for (int i = 0; i < PER_NODE; i++) {
                expected.add(payload(id, i));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < first.size(); k++) {
            Seen s = first.get(k);
            assertEquals(k + 1, s.seq(), "seqs 1..n without gaps");
            assertTrue(seen.add(s.payload()), "delivered twice: " + s);
            assertEquals("n" + s.sender(), s.payload().substring(0, s.payload().indexOf('-')), "sender of " + s);
            int i = Integer.parseInt(s.payload().substring(s.payload().indexOf('-') + 1));
            assertEquals(delivery(i), s.delivery(), "guarantee of " + s);
        }
        assertEquals(expected, seen, "every node's messages, own included");
    }

    private static TotemStats stats(LocalCluster cluster, ActorRef<TotemActor.Command> totem, int id) {
        TestProbe<TotemStats> probe = cluster.node(id).kit().createTestProbe();
        totem.tell(new TotemActor.GetStats(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private static String payload(int nodeId, int i) {
        return "n" + nodeId + "-" + i;
    }

    private static Delivery delivery(int i) {
        return i % 3 == 0 ? Delivery.SAFE : Delivery.AGREED;
    }
}
