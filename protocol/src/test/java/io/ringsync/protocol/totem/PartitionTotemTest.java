package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultStatus;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.DeliveryChecks;
import io.ringsync.protocol.totem.srp.DeliveryLog;
import io.ringsync.protocol.totem.srp.DeliveryLog.Configuration;
import io.ringsync.protocol.totem.srp.DeliveryLog.Entry;
import io.ringsync.protocol.totem.srp.DeliveryLog.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Totem over real Aeron in one JVM under network cuts made by the transports' fault filters,
 * with steady traffic from every node ({@link TotemTraffic}); after each scenario the
 * simulator's checkers ({@link DeliveryChecks}: no duplicates, nothing invented, one total order,
 * FIFO without gaps per configuration, virtual synchrony) run on every node's delivery log.
 *
 * <p>A symmetric 3|2 partition of five nodes: each side delivers a TRANSITIONAL then a REGULAR
 * configuration of its own members and goes on ordering its own traffic; healed, one ring of
 * five. An asymmetric cut in a ring of three, node 1 hearing node 2 but node 2 not hearing
 * node 1: no configuration that holds both can form while it lasts (node 2 never receives node
 * 1's join or token), and nodes 2 and 3, who hear each other, deliver rings of their own. Node
 * 1 still hears their joins and keeps pulling them back into membership rounds, so the ring does
 * not settle while the cut lasts (Totem has no notion of a one-way link; Corosync leaves it to
 * knet, which declares a link down in both directions when pongs stop); what the test demands
 * is that no delivery disagrees meanwhile, and that one ring of three forms once it is healed.
 * Every node losing, duplicating and reordering 5% each of the frames it receives: the ring
 * carries on (retransmitting, perhaps re-forming) and delivers alike.
 */
class PartitionTotemTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration SEND_INTERVAL = Duration.ofMillis(20);

    @TempDir
    Path tmp;

    private static LocalCluster cluster(int size, Path root) {
        return new LocalCluster(size, root, TestSettings.FAST_LINKS, TestSettings.transport().withFaultInjection(true),
                TestSettings.RING_TOTEM).withTotem().startAll();
    }

    private static List<Integer> upTo(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void aSymmetricThreeTwoPartitionOrdersEachSideAndHealsIntoOneRing() {
        List<Integer> all = upTo(5);
        List<Integer> majority = List.of(1, 2, 3);
        List<Integer> minority = List.of(4, 5);
        try (LocalCluster cluster = cluster(5, tmp)) {
            TotemTraffic traffic = TotemTraffic.record(cluster, all);
            Rings.awaitOneRing(cluster, all, DEADLINE);
            traffic.send(SEND_INTERVAL);
            awaitLogs(cluster, traffic, all, "every node delivered 10 messages of every node",
                    log -> all.stream().allMatch(id -> countFrom(log, id, 0) >= 10));

            List<Integer> marks = marks(traffic, all);
            cluster.partition(majority, minority);
            Rings.awaitOneRing(cluster, majority, DEADLINE);
            Rings.awaitOneRing(cluster, minority, DEADLINE);
            for (List<Integer> side : List.of(majority, minority)) {
                for (int id : side) {
                    List<Configuration> changes = configurationsAfter(traffic.log(id), marks.get(id - 1));
                    assertTrue(changes.size() >= 2, "node " + id + ": " + changes);
                    assertEquals(List.of(ConfigurationKind.TRANSITIONAL, ConfigurationKind.REGULAR),
                            List.of(changes.get(0).kind(), changes.get(1).kind()), "node " + id + ": " + changes);
                    assertEquals(side, changes.get(1).members(), "node " + id + " after the split: " + changes);
                }
                awaitSentInLastRing(cluster, traffic, side);
            }

            cluster.heal();
            finishAndCheck(cluster, traffic, all);
        }
    }

    @Test
    void anAsymmetricCutNeverJoinsTheNodesItSeparatesAndHealsIntoOneRing() {
        List<Integer> all = upTo(3);
        try (LocalCluster cluster = cluster(3, tmp)) {
            TotemTraffic traffic = TotemTraffic.record(cluster, all);
            Rings.awaitOneRing(cluster, all, DEADLINE);
            traffic.send(SEND_INTERVAL);
            awaitLogs(cluster, traffic, all, "every node delivered 10 messages of every node",
                    log -> all.stream().allMatch(id -> countFrom(log, id, 0) >= 10));

            List<Integer> cutAt = marks(traffic, all);
            cluster.faults(1, new FaultChange.Cut(Set.of(2), Set.of()));
            awaitLogs(cluster, traffic, List.of(2, 3), "nodes 2 and 3 delivered a ring of their own",
                    log -> configurationsAfter(log, cutAt.get(Integer.parseInt(log.process().substring(1)) - 1))
                            .stream().anyMatch(c -> c.kind() == ConfigurationKind.REGULAR
                                    && c.members().equals(List.of(2, 3))));
            List<Integer> healAt = marks(traffic, all);
            for (int id : all) {
                List<Entry> during = traffic.log(id).entries().subList(cutAt.get(id - 1), healAt.get(id - 1));
                List<Configuration> both = during.stream().filter(Configuration.class::isInstance)
                        .map(Configuration.class::cast)
                        .filter(c -> c.members().contains(1) && c.members().contains(2)).toList();
                assertEquals(List.of(), both, "node " + id + " delivered, while node 2 could not hear node 1, a"
                        + " configuration holding both");
            }

            cluster.heal();
            finishAndCheck(cluster, traffic, all);
        }
    }

    @Test
    void lossDuplicationAndReorderingOfFramesChangeNoDelivery() {
        List<Integer> all = upTo(3);
        try (LocalCluster cluster = cluster(3, tmp)) {
            TotemTraffic traffic = TotemTraffic.record(cluster, all);
            Rings.awaitOneRing(cluster, all, DEADLINE);
            traffic.send(SEND_INTERVAL);
            List<Integer> marks = marks(traffic, all);
            for (int id : all) {
                cluster.faults(id, new FaultChange.Disturb(0.05, 0.05, 0.05, id));
            }
            awaitLogs(cluster, traffic, all, "every node delivered 100 messages of every node under the faults",
                    log -> all.stream().allMatch(id -> countFrom(log, id,
                            marks.get(Integer.parseInt(log.process().substring(1)) - 1)) >= 100));
            for (int id : all) {
                FaultStatus status = cluster.faultStatus(id);
                assertTrue(status.lost() > 0 && status.duplicated() > 0 && status.reordered() + status.delayed() > 0,
                        "node " + id + ": " + status.describe());
            }
            cluster.heal();
            finishAndCheck(cluster, traffic, all);
        }
    }

    /**
     * One ring of {@code ids} again, every node sends 10 more messages in it, the traffic stops,
     * every node delivers its own messages and the same messages in the last ring; then the
     * checkers run on every log.
     */
    private static void finishAndCheck(LocalCluster cluster, TotemTraffic traffic, List<Integer> ids) {
        Rings.awaitOneRing(cluster, ids, DEADLINE);
        awaitSentInLastRing(cluster, traffic, ids);
        traffic.stop();
        awaitLogs(cluster, traffic, ids, "every node delivered its own messages and the last ring's alike", log -> {
            Configuration ring = log.lastRegular();
            List<String> lastRing = lastRingPayloads(log);
            return ring.members().equals(ids) && traffic.ownUndelivered().isEmpty() && ids.stream().map(traffic::log)
                    .allMatch(other -> lastRingPayloads(other).equals(lastRing)
                            && ring.ringId().equals(other.lastRegular().ringId()));
        });
        List<String> problems = DeliveryChecks.all(traffic.logs(), traffic.accepted(), false);
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())),
                problems.size() + " problems in " + traffic.accepted().size() + " messages");
    }

    /** Waits until every node of {@code ids} delivered 10 messages of every node of {@code ids} in its last ring. */
    private static void awaitSentInLastRing(LocalCluster cluster, TotemTraffic traffic, List<Integer> ids) {
        awaitLogs(cluster, traffic, ids, "10 messages of every node of " + ids + " in their last ring",
                log -> ids.stream().allMatch(id -> countFrom(log, id, lastRegularIndex(log)) >= 10));
    }

    /** Polls the logs of {@code ids} until each passes {@code check}. */
    private static void awaitLogs(LocalCluster cluster, TotemTraffic traffic, List<Integer> ids, String what,
                                  Predicate<DeliveryLog> check) {
        TestProbe<Object> poll = cluster.node(ids.get(0)).kit().createTestProbe();
        poll.awaitAssert(DEADLINE, Duration.ofMillis(200), () -> {
            for (int id : ids) {
                DeliveryLog log = traffic.log(id);
                if (!check.test(log)) {
                    throw new AssertionError(what + ": not yet on node " + id + ", whose last ring is "
                            + log.lastRegular() + " after " + log.payloads().size() + " deliveries; own undelivered: "
                            + traffic.ownUndelivered().size());
                }
            }
            return null;
        });
    }

    /** How many entries each node's log has now, in the order of {@code ids}. */
    private static List<Integer> marks(TotemTraffic traffic, List<Integer> ids) {
        return ids.stream().map(id -> traffic.log(id).entries().size()).toList();
    }

    private static List<Configuration> configurationsAfter(DeliveryLog log, int mark) {
        return log.entries().subList(mark, log.entries().size()).stream().filter(Configuration.class::isInstance)
                .map(Configuration.class::cast).toList();
    }

    /** Messages of node {@code sender} delivered at or after entry {@code from}. */
    private static long countFrom(DeliveryLog log, int sender, int from) {
        return log.entries().subList(Math.max(0, from), log.entries().size()).stream()
                .filter(e -> e instanceof Message m && m.senderNodeId() == sender).count();
    }

    private static int lastRegularIndex(DeliveryLog log) {
        List<Entry> entries = log.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                return i;
            }
        }
        return entries.size();
    }

    private static List<String> lastRingPayloads(DeliveryLog log) {
        List<String> payloads = new ArrayList<>();
        log.entries().subList(lastRegularIndex(log), log.entries().size()).forEach(e -> {
            if (e instanceof Message m) {
                payloads.add(m.payload());
            }
        });
        return payloads;
    }
}
