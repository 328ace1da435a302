package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPG's configuration changes when nodes go and come back, over real Totem and Aeron in one JVM
 * (Corosync's CpgCfgChgOnNodeRestart and the partition-and-merge cases of its cpg tests): a node
 * stopped and started again, and a 3|2 partition with traffic on both sides, healed. Every node
 * that stayed with the others through it all tells its process the same events, in the same
 * order: the configuration changes (NODEDOWN when the other nodes went, JOIN or NODEUP when they
 * came back), the totem callbacks and every message sent meanwhile. And a join still in Totem's
 * queue when it rejoins (a service of the node restarted) makes its process a member once,
 * through the next sync round (the join itself, which Totem keeps across the restart, then
 * arrives as a duplicate that changes nothing; a join Totem lost would not arrive at all).
 */
class CpgFaultsOverTotemTest {

    private static final String ALPHA = "alpha";
    private static final String BETA = "beta";
    private static final int PER_SENDER = 30;

    @TempDir
    Path tmp;

    private static CpgMember alpha(int node) {
        return new CpgMember(node, 100 + node);
    }

    private static CpgMember beta(int node) {
        return new CpgMember(node, 200 + node);
    }

    private static List<CpgMember> alphas(List<Integer> nodes) {
        return nodes.stream().map(CpgFaultsOverTotemTest::alpha).toList();
    }

    private static List<CpgAddress> addresses(List<Integer> nodes, CpgReason reason) {
        return nodes.stream().map(n -> new CpgAddress(alpha(n), reason)).toList();
    }

    @Test
    void aRestartedNodesProcessesLeaveWithNodedownAndJoinAgainAlikeOnEverySurvivor() {
        List<Integer> all = List.of(1, 2, 3);
        List<Integer> survivors = List.of(1, 2);
        try (CpgCluster cluster = new CpgCluster(3, tmp)) {
            all.forEach(id -> cluster.join(id, ALPHA, alpha(id).pid()));
            cluster.awaitMembers(all, ALPHA, alphas(all));
            List<Integer> marks = marks(cluster, survivors);

            cluster.stop(3);
            cluster.awaitMembers(survivors, ALPHA, alphas(survivors));
            sendAndAwait(cluster, survivors, survivors.size() * PER_SENDER);
            cluster.restart(3);
            cluster.awaitRing(all);
            cluster.join(3, ALPHA, alpha(3).pid());
            cluster.awaitMembers(all, ALPHA, alphas(all));

            List<CpgConfChg> expected = List.of(
                    new CpgConfChg(ALPHA, alphas(survivors), addresses(List.of(3), CpgReason.NODEDOWN), List.of()),
                    new CpgConfChg(ALPHA, alphas(all), List.of(), addresses(List.of(3), CpgReason.JOIN)));
            List<CpgEvent> sequence = awaitOneSequence(cluster, survivors, marks, expected);
            assertEquals(survivors.size() * PER_SENDER, deliveries(sequence).size(), "the messages sent meanwhile");
        }
    }

    @Test
    void aPartitionedClusterGoesOnInEachSideAndMergesWithNodeupAlikeOnEverySide() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        List<Integer> majority = List.of(1, 2, 3);
        List<Integer> minority = List.of(4, 5);
        try (CpgCluster cluster = new CpgCluster(5, tmp)) {
            all.forEach(id -> cluster.join(id, ALPHA, alpha(id).pid()));
            List.of(3, 4).forEach(id -> cluster.join(id, BETA, beta(id).pid()));
            cluster.awaitMembers(all, ALPHA, alphas(all));
            cluster.awaitMembers(all, BETA, List.of(beta(3), beta(4)));
            List<Integer> marks = marks(cluster, all);

            cluster.partition(majority, minority);
            cluster.awaitMembers(majority, ALPHA, alphas(majority));
            cluster.awaitMembers(minority, ALPHA, alphas(minority));
            cluster.awaitMembers(majority, BETA, List.of(beta(3)));
            cluster.awaitMembers(minority, BETA, List.of(beta(4)));
            CompletableFuture<Void> majorityTraffic = CompletableFuture.runAsync(() ->
                    sendAndAwait(cluster, majority, majority.size() * PER_SENDER));
            sendAndAwait(cluster, minority, minority.size() * PER_SENDER);
            majorityTraffic.join();

            cluster.heal();
            cluster.awaitMembers(all, ALPHA, alphas(all));
            cluster.awaitMembers(all, BETA, List.of(beta(3), beta(4)));

            for (List<Integer> side : List.of(majority, minority)) {
                List<Integer> others = all.stream().filter(id -> !side.contains(id)).toList();
                List<CpgConfChg> expected = List.of(
                        new CpgConfChg(ALPHA, alphas(side), addresses(others, CpgReason.NODEDOWN), List.of()),
                        new CpgConfChg(ALPHA, alphas(all), List.of(), addresses(others, CpgReason.NODEUP)));
                List<CpgEvent> sequence = awaitOneSequence(cluster, side, sideMarks(all, side, marks), expected);
                assertEquals(side.size() * PER_SENDER, deliveries(sequence).size(),
                        "side " + side + " delivered its own messages of the cut, and no others");
                assertEquals(side, deliveries(sequence).stream().map(d -> d.sender().nodeId()).distinct().sorted()
                        .toList(), "side " + side + ": the senders");
            }
            int node3 = all.indexOf(3);
            assertEquals(List.of(
                    new CpgConfChg(BETA, List.of(beta(3)), List.of(new CpgAddress(beta(4), CpgReason.NODEDOWN)),
                            List.of()),
                    new CpgConfChg(BETA, List.of(beta(3), beta(4)), List.of(),
                            List.of(new CpgAddress(beta(4), CpgReason.NODEUP)))),
                    confChgs(events(cluster, 3, BETA, marks.get(node3))), "node 3's beta process");
        }
    }

    @Test
    void aJoinThatTotemsRejoinDropsStillMakesTheProcessAMemberOnEveryNode() {
        List<Integer> all = List.of(1, 2);
        try (CpgCluster cluster = new CpgCluster(2, tmp)) {
            cluster.join(2, ALPHA, alpha(2).pid());
            cluster.awaitMembers(all, ALPHA, alphas(List.of(2)));
            cluster.rejoinAfterNextMulticast(1);
            cluster.join(1, ALPHA, alpha(1).pid());

            cluster.awaitMembers(all, ALPHA, alphas(all));
            CpgHandle handle = new CpgHandle(ALPHA, alpha(1).pid());
            cluster.await(() -> assertEquals(1, cluster.recorded(1).stream().filter(n -> n.handle().equals(handle)
                    && n.event() instanceof CpgConfChg c && c.joined().stream().anyMatch(a -> a.member().equals(alpha(1))))
                    .count(), "node 1's process was told once that it joined: " + cluster.recorded(1)));
            assertEquals(CpgResult.OK, cluster.<CpgResult>ask(1, r -> new CpgActor.Leave(handle, r))
                    .toCompletableFuture().join(), "a member, not a process joining forever (which gets BUSY)");
            cluster.awaitMembers(all, ALPHA, alphas(List.of(2)));
        }
    }

    /**
     * The alpha process of each node of {@code senders} sends {@link #PER_SENDER} messages; waits
     * until each of those nodes delivered {@code expected} alpha messages since.
     */
    private static void sendAndAwait(CpgCluster cluster, List<Integer> senders, int expected) {
        List<CompletableFuture<Long>> sending = new ArrayList<>();
        List<Integer> before = marks(cluster, senders);
        for (int id : senders) {
            sending.add(CheckedSender.start(cluster.cpg(id), cluster.node(id).kit().system().scheduler(),
                    new CpgHandle(ALPHA, alpha(id).pid()), PER_SENDER, id));
        }
        sending.forEach(CompletableFuture::join);
        cluster.await(() -> {
            for (int i = 0; i < senders.size(); i++) {
                int id = senders.get(i);
                int delivered = deliveries(events(cluster, id, ALPHA, before.get(i))).size();
                assertEquals(expected, delivered, "node " + id + " delivered the messages of " + senders);
            }
        });
    }

    /**
     * Waits until the alpha process of every node of {@code ids} was told, since its mark, the
     * configuration changes {@code expected} and the same events as every other, and returns
     * that sequence.
     */
    private static List<CpgEvent> awaitOneSequence(CpgCluster cluster, List<Integer> ids, List<Integer> marks,
                                                   List<CpgConfChg> expected) {
        List<List<CpgEvent>> sequences = new ArrayList<>();
        cluster.await(() -> {
            sequences.clear();
            for (int i = 0; i < ids.size(); i++) {
                List<CpgEvent> events = events(cluster, ids.get(i), ALPHA, marks.get(i));
                assertEquals(expected, confChgs(events), "node " + ids.get(i) + "'s changes: " + events);
                sequences.add(events);
            }
            for (int i = 1; i < ids.size(); i++) {
                assertEquals(sequences.get(0), sequences.get(i), "nodes " + ids.get(0) + " and " + ids.get(i));
            }
        });
        return sequences.get(0);
    }

    /** The events told to node {@code id}'s process of {@code group} from its recording's entry {@code from} on. */
    private static List<CpgEvent> events(CpgCluster cluster, int id, String group, int from) {
        List<CpgNotification> log = cluster.recorded(id);
        return log.subList(from, log.size()).stream().filter(n -> n.handle().group().equals(group))
                .map(CpgNotification::event).toList();
    }

    private static List<CpgConfChg> confChgs(List<CpgEvent> events) {
        return events.stream().filter(CpgConfChg.class::isInstance).map(CpgConfChg.class::cast).toList();
    }

    private static List<CpgDeliver> deliveries(List<CpgEvent> events) {
        return events.stream().filter(CpgDeliver.class::isInstance).map(CpgDeliver.class::cast).toList();
    }

    /** How many notifications each node of {@code ids} has recorded now. */
    private static List<Integer> marks(CpgCluster cluster, List<Integer> ids) {
        return ids.stream().map(id -> cluster.recorded(id).size()).toList();
    }

    private static List<Integer> sideMarks(List<Integer> all, List<Integer> side, List<Integer> marks) {
        return IntStream.range(0, all.size()).filter(i -> side.contains(all.get(i))).mapToObj(marks::get).toList();
    }
}
