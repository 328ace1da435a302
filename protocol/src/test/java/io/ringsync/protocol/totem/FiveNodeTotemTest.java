package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five-node variant of {@link ThreeNodeTotemTest}: one ring of five orders every node's
 * messages identically, and when two nodes crash at once the other three form a ring of their
 * own, delivering the TRANSITIONAL then the REGULAR configuration without them.
 */
class FiveNodeTotemTest {

    private static final List<Integer> ALL = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> SURVIVORS = List.of(1, 2, 3);
    private static final int PER_NODE = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void fiveNodesOrderIdenticallyAndTwoCrashedNodesAreDroppedTogether() {
        try (LocalCluster cluster = new LocalCluster(5, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);
            TotemRingChecks.multicastAll(cluster, ALL, PER_NODE, DEADLINE);
            TotemRingChecks.awaitSameOrder(cluster, logs, ALL, PER_NODE, ring, DEADLINE);

            List<Integer> configsBefore = SURVIVORS.stream().map(id -> logs.get(id - 1).configurations().size()).toList();
            cluster.stop(4);
            cluster.stop(5);
            RingId survivors = Rings.awaitOneRing(cluster, SURVIVORS, DEADLINE);
            for (int id : SURVIVORS) {
                List<ConfigurationChanged> after = logs.get(id - 1).configurationsAfter(configsBefore.get(id - 1));
                assertTrue(after.size() >= 2, "node " + id + ": " + after);
                assertEquals(new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, survivors, SURVIVORS, List.of(4, 5),
                        List.of()), after.get(0), "node " + id + ": " + after);
                assertEquals(new ConfigurationChanged(ConfigurationKind.REGULAR, survivors, SURVIVORS, List.of(4, 5),
                        List.of()), after.get(1), "node " + id + ": " + after);
            }
        }
    }
}
