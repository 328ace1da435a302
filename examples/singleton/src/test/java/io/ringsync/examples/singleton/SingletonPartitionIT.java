package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.examples.harness.ExampleCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The singleton example partitioned by the transport's fault filter: three processes with
 * {@code transport.fault_injection = true}; once node 1 holds, it is cut off from nodes 2 and 3
 * in both directions ({@code ringsync fault cut}, on every node, so the 1|2 partition is
 * symmetric). The service then runs on the quorate side only: node 2 takes over with a newer
 * token in the ring of nodes 2 and 3, and node 1 stands by without quorum. After
 * {@code ringsync fault heal}, the three form one ring again and one holder (node 1, the lowest
 * id) runs it with a newer token still. From every process's log: no token, i.e. no
 * configuration of the group, had two holders, and nothing ran in a ring below quorum.
 */
class SingletonPartitionIT {

    private static final Map<Integer, String> CUT_OFF_NODE_1 = Map.of(1, "2,3", 2, "1", 3, "1");

    @Test
    void theServiceRunsOnlyOnTheQuorateSideOfAPartitionAndOnceAfterItHeals() throws Exception {
        try (ExampleCluster cluster = new ExampleCluster("singleton-partition", 3, SingletonMain.class.getName(),
                "--config", "transport.fault_injection = true\n")) {
            SingletonLogs logs = new SingletonLogs(cluster);
            FencingToken whole = SingletonFailoverIT.startThree(cluster, logs);

            cluster.cut(CUT_OFF_NODE_1);
            cluster.await("node 2 acting with a newer token in a ring of nodes 2 and 3", SingletonFailoverIT.START,
                    () -> logs.latestToken().filter(t -> whole.olderThan(t) && logs.ringSize(t) == 2).isPresent());
            FencingToken majority = logs.latestToken().orElseThrow();
            assertEquals(2, logs.holderOf(majority), "the lowest id of the quorate side holds");
            cluster.await("node 1, cut off, standing by without quorum", SingletonFailoverIT.START,
                    () -> logs.stoodBy(1, "INQUORATE"));

            cluster.heal(List.of(1, 2, 3));
            cluster.await("one holder with a newer token in the healed ring of three", SingletonFailoverIT.START,
                    () -> logs.latestToken().filter(t -> majority.olderThan(t) && logs.ringSize(t) == 3).isPresent());
            assertEquals(1, logs.holderOf(logs.latestToken().orElseThrow()), "node 1 holds again once healed");

            logs.assertEachTokenHadOneHolder(3);
            logs.assertNothingRanWithoutQuorum();
            assertTrue(logs.views().containsValue(1), "node 1 reported its ring alone: " + logs.views());
        }
    }
}
