package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network partition of separate node processes, made and healed with {@code ringsync fault},
 * in the frame of {@link ChaosScenario} (cpg verify, CKPT writes and quorum watches on every
 * node): five nodes; nodes 1, 2 and 3 cut nodes 4 and 5 off in both directions
 * ({@code fault cut --both 4,5}), which is a symmetric 3|2 partition once the third command ran
 * (one command after the other, the cluster passes through partial cuts, so the rings in between
 * are not checked). Each side forms a ring of its own, the majority is quorate
 * ({@code quorum status} exit 0) and the minority not (exit 2); both sides write a section
 * (one side's copy of the checkpoint wins at the heal, so either may be undone); after
 * {@code fault heal} one ring of five forms again, the checkpoint is identical everywhere,
 * and the verifiers that stayed together agree. Logs stay in
 * {@code target/it-output/PartitionChaosIT/logs}.
 */
class PartitionChaosIT {

    private static final List<Integer> MAJORITY = List.of(1, 2, 3);
    private static final List<Integer> MINORITY = List.of(4, 5);

    @Test
    void fiveNodesPartitionedThreeTwoWithTheFaultCommandThenHealed() throws Exception {
        ChaosScenario.run("PartitionChaosIT", 5, s -> {
            s.expectQuorateThroughout(MAJORITY);
            for (int id : MAJORITY) {
                s.fault(id, "cut", "--both", "4,5");
            }
            s.awaitRing(MAJORITY);
            s.awaitRing(MINORITY);
            s.awaitQuorate(1, true);
            s.awaitQuorate(4, false);
            s.awaitQuorate(5, false);
            JsonNode status = Json.mapper().readTree(s.cluster().command(1, "fault", "status", "--json").out());
            assertTrue(status.path("counters").path("cut_outbound").asLong() > 0
                    && status.path("counters").path("cut_inbound").asLong() > 0, status.toString());
            s.report("majority write " + (s.writeDuringPartition(1) ? "stored" : "refused") + ", minority write "
                    + (s.writeDuringPartition(4) ? "stored" : "refused"));
        });
    }
}
