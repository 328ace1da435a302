package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.srp.DeliveryLog.Configuration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos scenarios beyond the normal suite's ({@link ServiceChaosIT}, {@link PartitionChaosIT}),
 * each under cpg verify traffic, CKPT writes and quorum watches with the checks of
 * {@link ChaosScenario}. They take about ten minutes together, so they run only with
 * {@code -Dchaos.suite=full} (the {@code chaos} Maven profile sets it; see README.md,
 * "Chaos suite").
 */
@EnabledIfSystemProperty(named = "chaos.suite", matches = "full")
class FullChaosIT {

    /** The services' actors and Totem's, killed in turn inside node 2. */
    private static final List<String> ACTORS = List.of("/user/totem", "/user/transport", "/user/cpg", "/user/quorum",
            "/user/ckpt");

    /**
     * Totem, the transport, CPG, quorum and CKPT actors of node 2 made to fail in turn
     * ({@code fault kill-actor}): each is restarted by its supervisor, node 2 comes back into
     * one ring each time, and a write goes through after each.
     *
     * <p>A restarted service makes the node guardian send Totem a {@code Rejoin}, which Totem
     * carries out by failing and restarting: the messages it had accepted and not yet originated
     * outlive it ({@code AcceptedMessages}; before, the traffic node at times never delivered one
     * of its own accepted messages, seen after the CPG kill).
     */
    @Test
    void totemCpgQuorumAndCkptActorsKilledInTurn() throws Exception {
        ChaosScenario.run("FullChaosIT-actors", 3, s -> {
            s.expectQuorateThroughout(List.of(1, 3));
            for (String actor : ACTORS) {
                s.killActor(2, actor);
                s.awaitRing(List.of(1, 2, 3));
                s.write(1);
            }
        });
    }

    /** kill -9 of two of five nodes at once: the three left stay quorate and write; then both come back. */
    @Test
    void twoOfFiveKilledAtOnce() throws Exception {
        ChaosScenario.run("FullChaosIT-kill-two", 5, s -> {
            s.expectQuorateThroughout(List.of(1, 2, 3));
            s.kill(List.of(4, 5));
            s.awaitRing(List.of(1, 2, 3));
            s.awaitQuorate(1, true);
            s.write(1);
            s.restart(4);
            s.restart(5);
        });
    }

    /**
     * SIGSTOP of node 2 until the others formed a ring without it (past the token timeout), then
     * SIGCONT. Node 2 comes back with its old copy of the checkpoint, which may win the merge, so
     * the write made meanwhile counts as one side's of a partition.
     */
    @Test
    void nodePausedPastTheTokenTimeoutThenResumed() throws Exception {
        ChaosScenario.run("FullChaosIT-pause", 3, s -> {
            s.expectQuorateThroughout(List.of(1, 3));
            long pausedAt = System.currentTimeMillis();
            s.pause(2);
            s.awaitRing(List.of(1, 3));
            long pausedMs = System.currentTimeMillis() - pausedAt;
            long tokenMs = s.cluster().settings(2).totem().effectiveTokenMs(3);
            s.writeDuringPartition(1);
            s.resume(2);
            assertTrue(pausedMs > tokenMs, "paused " + pausedMs + " ms, not past the token timeout " + tokenMs + " ms");
            s.report("paused " + pausedMs + " ms (token timeout " + tokenMs + " ms)");
        });
    }

    /**
     * Node 1 stops sending to node 2 ({@code fault cut --to 2}): 1 hears 2, 2 does not hear 1.
     * It does not settle (see README.md); it lasts until node 2 delivered a ring without node 1,
     * then the frame heals it.
     */
    @Test
    void asymmetricCut() throws Exception {
        ChaosScenario.run("FullChaosIT-asymmetric", 3, s -> {
            s.fault(1, "cut", "--to", "2");
            Poll.until("node 2 in a ring without node 1", ChaosCluster.DEADLINE, () -> {
                Configuration regular = s.cluster().read(s.cluster().live().get(2)).deliveries().lastRegular();
                return regular != null && !regular.members().contains(1);
            }, s.cluster()::describe);
            s.awaitTraffic(List.of(2, 3), 20);
            s.writeDuringPartition(3);
        });
    }

    /** 5% of inbound frames lost, 5% duplicated and 5% reordered on every node, while 100 deliveries go by. */
    @Test
    void fivePercentLossDuplicationAndReordering() throws Exception {
        disturbed("FullChaosIT-disturb-5", "5%");
    }

    /** As {@link #fivePercentLossDuplicationAndReordering} with 20% each. */
    @Test
    void twentyPercentLossDuplicationAndReordering() throws Exception {
        disturbed("FullChaosIT-disturb-20", "20%");
    }

    private static void disturbed(String name, String share) throws Exception {
        ChaosScenario.run(name, 3, s -> {
            for (int id = 1; id <= 3; id++) {
                s.fault(id, "disturb", "--drop", share, "--duplicate", share, "--reorder", share, "--seed",
                        String.valueOf(id));
            }
            s.awaitTraffic(List.of(1, 2, 3), 100);
            s.report(share + " disturbance: write " + (s.writeDuringPartition(1) ? "stored" : "not stored"));
        });
    }

    /** Every node in turn stopped (SIGTERM, it leaves) and started again, the others writing meanwhile. */
    @Test
    void rollingRestartOfEveryNode() throws Exception {
        ChaosScenario.run("FullChaosIT-rolling", 3, s -> {
            for (int id = 1; id <= 3; id++) {
                s.stop(List.of(id));
                List<Integer> others = s.cluster().nodesBut(List.of(id));
                s.awaitRing(others);
                s.awaitQuorate(others.get(0), true);
                s.write(others.get(0));
                s.restart(id);
                s.awaitRing(s.cluster().allNodes());
            }
        });
    }
}
