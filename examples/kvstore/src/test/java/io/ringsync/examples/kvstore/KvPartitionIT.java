package io.ringsync.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.examples.harness.ExampleCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key/value store partitioned by the transport's fault filter: three processes with
 * {@code transport.fault_injection = true}, written to through nodes 1 and 2. Node 3 is cut off
 * ({@code ringsync fault cut --both}, on every node): while inquorate it refuses puts, and its
 * replica does not move, while the majority goes on acknowledging them. After
 * {@code ringsync fault heal} the three converge to one version and digest holding every
 * acknowledged put, the writes node 3 missed included.
 */
class KvPartitionIT {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final Map<Integer, String> CUT_OFF_NODE_3 = Map.of(1, "3", 2, "3", 3, "1,2");

    @Test
    void theMinorityRefusesWritesWhileTheMajorityTakesThemAndAllConvergeAfterTheHeal() throws Exception {
        try (ExampleCluster cluster = new ExampleCluster("kvstore-partition", 3, KvMain.class.getName(), "",
                "transport.fault_injection = true\n")) {
            KvConsoles kv = new KvConsoles(cluster);
            for (int id : ALL) {
                cluster.start(id);
            }
            for (int id : ALL) {
                kv.awaitState(id, "current and quorate", s -> s.current() && s.quorate());
            }
            assertEquals("ok", kv.put(3, "from3", "before"));
            KvConsoles.Writer writer = kv.writer(List.of(1, 2));
            kv.awaitAcknowledged("before the partition", 30);

            cluster.cut(CUT_OFF_NODE_3);
            KvConsoles.State cutOff = kv.awaitState(3, "inquorate once cut off", s -> !s.quorate());
            String refused = kv.put(3, "from3", "during");
            assertTrue(refused.startsWith("refused: ") && refused.contains("inquorate"), refused);
            kv.awaitAcknowledged("by the majority during the partition", 50);
            assertEquals(cutOff.version(), kv.state(3).version(), "the minority's replica did not move");
            assertTrue(kv.put(3, "from3", "still").startsWith("refused: "), "still refused while inquorate");

            cluster.heal(ALL);
            kv.awaitState(3, "quorate and current after the heal", s -> s.quorate() && s.current()
                    && s.version() > cutOff.version());
            kv.awaitAcknowledged("after the heal", 30);
            writer.stop();

            KvConsoles.State agreed = kv.awaitConverged(ALL);
            System.out.println("after the heal all agree on " + agreed + " (" + kv.acknowledged()
                    + " acknowledged puts; node 3 was cut off at version " + cutOff.version() + ")");
        }
    }
}
