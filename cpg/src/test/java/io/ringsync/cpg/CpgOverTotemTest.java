package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.verify.TrafficChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPG on three real nodes (Totem over Aeron UDP on loopback, one JVM). Corosync's CpgMsgOrderBasic:
 * every process of two groups on every node sends checksummed, sequence-numbered messages at once,
 * and every node's processes receive all of them, each once, in one order across both groups.
 * And the configuration changes of CpgCfgChgOnGroupLeave / ExecCrash / NodeLeave: a leave, a
 * process that goes away, a node that stops.
 */
class CpgOverTotemTest {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final List<String> GROUPS = List.of("alpha", "beta");
    private static final int PER_SENDER = 1000;

    @TempDir
    Path tmp;

    private static long pid(String group, int node) {
        return (group.equals("alpha") ? 100 : 200) + node;
    }

    private static List<CpgMember> members(String group, List<Integer> nodes) {
        return nodes.stream().map(n -> new CpgMember(n, pid(group, n))).toList();
    }

    private static List<CpgDeliver> deliveries(List<CpgNotification> notifications) {
        return notifications.stream().map(CpgNotification::event).filter(CpgDeliver.class::isInstance)
                .map(CpgDeliver.class::cast).toList();
    }

    @Test
    void interleavedSendersInTwoGroupsAreDeliveredOnceInOneOrderOnEveryNode() {
        try (CpgCluster cluster = new CpgCluster(3, tmp)) {
            for (String group : GROUPS) {
                for (int id : ALL) {
                    cluster.join(id, group, pid(group, id));
                }
                cluster.awaitMembers(ALL, group, members(group, ALL));
            }
            long startNs = System.nanoTime();
            List<CompletableFuture<Long>> senders = new ArrayList<>();
            for (int id : ALL) {
                for (String group : GROUPS) {
                    senders.add(CheckedSender.start(cluster.cpg(id), cluster.node(id).kit().system().scheduler(),
                            new CpgHandle(group, pid(group, id)), PER_SENDER, id * 31L + group.length()));
                }
            }
            long retries = senders.stream().mapToLong(CompletableFuture::join).sum();
            int total = ALL.size() * GROUPS.size() * PER_SENDER;
            cluster.await(() -> ALL.forEach(id -> assertTrue(deliveries(cluster.recorded(id)).size() >= total,
                    "node " + id + ": " + deliveries(cluster.recorded(id)).size() + " of " + total)));
            System.out.printf("CpgOverTotemTest: %d messages to 2 groups of 3 delivered on 3 nodes in %.1f s "
                    + "(%d TRY_AGAIN retries)%n", total, (System.nanoTime() - startNs) / 1e9, retries);

            List<CpgNotification> first = cluster.recorded(1);
            for (int id : ALL) {
                List<CpgNotification> log = cluster.recorded(id);
                assertEquals(total, deliveries(log).size(), "node " + id + ": each message once, to its group's member");
                for (String group : GROUPS) {
                    List<CpgDeliver> order = deliveries(log).stream().filter(d -> d.group().equals(group)).toList();
                    assertEquals(deliveries(first).stream().filter(d -> d.group().equals(group)).toList(), order,
                            "node " + id + " delivers " + group + " in node 1's order");
                    checkEverySenderComplete(id, group, log);
                }
                assertEquals(deliveries(first).stream().map(CpgDeliver::group).collect(Collectors.joining()),
                        deliveries(log).stream().map(CpgDeliver::group).collect(Collectors.joining()),
                        "node " + id + " interleaves the two groups as node 1 does: one total order");
            }
        }
    }

    /** The traffic checker finds no gap, duplicate, reorder or damage, and every sender's messages arrived. */
    private static void checkEverySenderComplete(int id, String group, List<CpgNotification> log) {
        CpgHandle mine = new CpgHandle(group, pid(group, id));
        TrafficChecker checker = new TrafficChecker(group, new CpgMember(id, mine.pid()));
        log.stream().filter(n -> n.handle().equals(mine)).forEach(n -> checker.onEvent(n.event(), System.nanoTime()));
        assertEquals(0, checker.violationCount(), "node " + id + " " + group + ": " + checker.violations());
        assertEquals(ALL.size() * PER_SENDER, checker.delivered(), "node " + id + " " + group);
    }

    @Test
    void aLeaveAProcessThatGoesAwayAndAStoppedNodeAreToldToEveryRemainingMember() {
        try (CpgCluster cluster = new CpgCluster(3, tmp)) {
            for (int id : ALL) {
                cluster.join(id, "alpha", pid("alpha", id));
            }
            cluster.awaitMembers(ALL, "alpha", members("alpha", ALL));
            var extra = cluster.node(2).kit().<CpgNotification>createTestProbe();
            CpgActorTest.awaitJoin(cluster.node(2).kit(), cluster.cpg(2), "alpha", 300, extra.ref());
            CpgMember a1 = new CpgMember(1, 101);
            CpgMember a2 = new CpgMember(2, 102);
            CpgMember a3 = new CpgMember(3, 103);
            CpgMember gone = new CpgMember(2, 300);
            cluster.awaitMembers(ALL, "alpha", List.of(a1, a2, gone, a3));

            assertEquals(CpgResult.OK, cluster.<CpgResult>ask(1,
                    r -> new CpgActor.Leave(new CpgHandle("alpha", 101), r)).toCompletableFuture().join());
            expectChange(cluster, List.of(1, 2, 3), new CpgConfChg("alpha", List.of(a2, gone, a3),
                    List.of(new CpgAddress(a1, CpgReason.LEAVE)), List.of()));

            extra.stop();
            expectChange(cluster, List.of(2, 3), new CpgConfChg("alpha", List.of(a2, a3),
                    List.of(new CpgAddress(gone, CpgReason.PROCDOWN)), List.of()));

            cluster.stop(3);
            expectChange(cluster, List.of(2), new CpgConfChg("alpha", List.of(a2),
                    List.of(new CpgAddress(a3, CpgReason.NODEDOWN)), List.of()));
            cluster.await(() -> {
                List<CpgNotification> log = cluster.recorded(2);
                CpgEvent last = log.get(log.size() - 1).event();
                assertTrue(last instanceof CpgTotemConfChg t && t.members().equals(List.of(1, 2)),
                        "the totem callback of the ring of nodes 1 and 2 follows: " + last);
            });
        }
    }

    /** Waits until each node of {@code ids} told its process in the change's group about {@code change}. */
    private static void expectChange(CpgCluster cluster, List<Integer> ids, CpgConfChg change) {
        cluster.await(() -> {
            for (int id : ids) {
                assertTrue(cluster.recorded(id).stream().anyMatch(n -> n.event().equals(change)),
                        "node " + id + " was told " + change + "; it has " + cluster.recorded(id));
            }
        });
    }
}
