package io.ringsync.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.examples.harness.ExampleCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key/value store as three separate processes on loopback (launched from the built jars as
 * the README does), written to through nodes 1 and 2 all along: node 3 is SIGKILLed under the
 * writes and started again, comes back empty, and catches up; once the writes stop, all three
 * answer {@code state} with the same version and digest, holding every acknowledged put.
 */
class KvRestartIT {

    private static final List<Integer> ALL = List.of(1, 2, 3);

    @Test
    void aNodeKilledUnderWritesAndRestartedConvergesToTheSameDigest() throws Exception {
        try (ExampleCluster cluster = new ExampleCluster("kvstore-restart", 3, KvMain.class.getName(), "", "")) {
            KvConsoles kv = new KvConsoles(cluster);
            for (int id : ALL) {
                cluster.start(id);
            }
            for (int id : ALL) {
                kv.awaitState(id, "current and quorate", s -> s.current() && s.quorate());
            }
            KvConsoles.Writer writer = kv.writer(List.of(1, 2));
            kv.awaitAcknowledged("before the kill", 50);

            cluster.kill(3);
            kv.awaitAcknowledged("by the two survivors", 50);
            cluster.start(3);
            KvConsoles.State caughtUp = kv.awaitState(3, "caught up after its restart",
                    s -> s.current() && s.version() > 0);
            kv.awaitAcknowledged("after node 3's restart", 50);
            writer.stop();

            KvConsoles.State agreed = kv.awaitConverged(ALL);
            System.out.println("node 3 caught up at version " + caughtUp.version() + "; all agree on " + agreed
                    + " after " + kv.acknowledged() + " acknowledged puts");
            assertTrue(agreed.version() > caughtUp.version(), "writes went on after node 3 caught up");
        }
    }
}
