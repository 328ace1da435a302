package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network partition of separate node processes ({@link TrafficNode}, steady traffic from every
 * node), made and healed with {@code ringsync fault}: five nodes with
 * {@code transport.fault_injection = true}; nodes 1, 2 and 3 cut nodes 4 and 5 off in both
 * directions ({@code fault cut --both 4,5}), which is a symmetric 3|2 partition once the third
 * command ran (one command after the other, the cluster passes through partial cuts, so the
 * rings in between are not checked). Each side forms a ring of its own, the majority is quorate
 * ({@code quorum status} exit 0) and the minority not (exit 2); after
 * {@code fault heal} one ring of five forms again. Then, as in {@link TotemChaosIT}, every
 * node delivers what it must and the simulator's checkers run on every process's log. Logs stay
 * in {@code target/it-output/PartitionChaosIT/logs}.
 */
class PartitionChaosIT {

    private static final List<Integer> MAJORITY = List.of(1, 2, 3);
    private static final List<Integer> MINORITY = List.of(4, 5);

    @Test
    void fiveNodesPartitionedThreeTwoWithTheFaultCommandThenHealed() throws Exception {
        try (ChaosCluster cluster = new ChaosCluster("PartitionChaosIT", 5, 12, "transport.fault_injection = true\n")) {
            TotemChaosIT.runScenario("PartitionChaosIT", cluster, report -> {
                for (int id : cluster.allNodes()) {
                    cluster.start(id);
                }
                report.add("first ring " + cluster.awaitRing(cluster.allNodes()));
                partitionAndHeal(cluster, report);
                List<String> problems = new ArrayList<>(TotemChaosIT.finish(cluster, report));
                problems.addAll(TotemChaosIT.check(cluster, report));
                return problems;
            });
        }
    }

    private static void partitionAndHeal(ChaosCluster cluster, List<String> report) throws Exception {
        long cutAt = System.currentTimeMillis();
        for (int id : MAJORITY) {
            RingsyncProcesses.Result cut = cluster.command(id, "fault", "cut", "--both", "4,5");
            assertEquals(0, cut.exitCode(), "fault cut on node " + id + ": " + cut.err());
            assertTrue(cut.out().startsWith("node " + id + ": cut to [4, 5], from [4, 5]"), cut.out());
        }
        RingId majority = cluster.awaitRing(MAJORITY);
        RingId minority = cluster.awaitRing(MINORITY);
        awaitQuorumExit(cluster, 1, 0);
        awaitQuorumExit(cluster, 4, 2);
        JsonNode status = Json.mapper().readTree(cluster.command(1, "fault", "status", "--json").out());
        assertTrue(status.path("counters").path("cut_outbound").asLong() > 0
                && status.path("counters").path("cut_inbound").asLong() > 0, status.toString());
        report.add("fault cut: rings " + majority + " of " + MAJORITY + " (quorate) and " + minority + " of " + MINORITY
                + " (not quorate) " + (System.currentTimeMillis() - cutAt) + " ms after the first cut");

        for (int id : MAJORITY) {
            assertEquals(0, cluster.command(id, "fault", "heal").exitCode(), "fault heal on node " + id);
        }
        report.add("healed: ring " + cluster.awaitRing(cluster.allNodes()));
        awaitQuorumExit(cluster, 4, 0);
    }

    /** Polls {@code quorum status} on node {@code id} until it exits with {@code code} (0 quorate, 2 not). */
    private static void awaitQuorumExit(ChaosCluster cluster, int id, int code) throws Exception {
        Poll.until("quorum status of node " + id + " exiting " + code, ChaosCluster.DEADLINE,
                () -> cluster.command(id, "quorum", "status").exitCode() == code, cluster::describe);
    }
}
