package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.link.LinkStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three nodes with sealed frames over real Aeron UDP on loopback ({@link LocalCluster}, fast
 * link timing: ping every 100 ms, down after 600 ms without a pong).
 */
class CryptoThreeNodeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /**
     * How long nodes 1 and 2 must go on not seeing node 3 once they see each other: 2.5 ping
     * timeouts of {@link TestSettings#FAST_LINKS}, during which node 3 pings about 15 times.
     * The absence of an event can only be checked over a bounded window; this is that window.
     */
    private static final long ABSENCE_WINDOW_MS = 1500;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"aes256-gcm", "chacha20-poly1305"})
    void nodesSharingTheKeyBringEveryLinkUp(String cipher) {
        Path key = CryptoTestKeys.writeAuthKey(tmp, 1);
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS)
                .crypto(id -> CryptoTestKeys.crypto(cipher, key)).startAll()) {
            for (int id = 1; id <= 3; id++) {
                cluster.awaitLinks(id, s -> true, true, DEADLINE);
            }
            for (int id = 1; id <= 3; id++) {
                Map<String, Long> counters = cluster.report(id).transportCounters();
                assertTrue(counters.get("frames.received") > 0, "node " + id + ": " + counters);
                assertEquals(0L, counters.get("crypto.unknown_key"), "node " + id + ": " + counters);
                assertEquals(0L, counters.get("crypto.bad_tag"), "node " + id + ": " + counters);
                assertEquals(0L, counters.get("crypto.forged_sender"), "node " + id + ": " + counters);
            }
        }
    }

    @Test
    void aNodeWithAnotherKeyNeverComesUpAndItsFramesAreCountedAsRejected() throws InterruptedException {
        Path shared = CryptoTestKeys.writeAuthKey(tmp, 1);
        Path other = CryptoTestKeys.writeAuthKey(tmp, 2);
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS)
                .crypto(id -> CryptoTestKeys.crypto("chacha20-poly1305", id == 3 ? other : shared)).startAll()) {
            cluster.awaitLinks(1, s -> s.nodeId() == 2, true, DEADLINE);
            cluster.awaitLinks(2, s -> s.nodeId() == 1, true, DEADLINE);
            long[] before = {0, unknownKey(cluster, 1), unknownKey(cluster, 2)};

            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ABSENCE_WINDOW_MS);
            do {
                assertFalse(isUp(cluster, 1, 3), "node 1 sees node 3 up");
                assertFalse(isUp(cluster, 2, 3), "node 2 sees node 3 up");
                assertFalse(isUp(cluster, 3, 1) || isUp(cluster, 3, 2), "node 3 sees a peer up");
                Thread.sleep(100);
            } while (System.nanoTime() < end);

            for (int id = 1; id <= 2; id++) {
                int node = id;
                // Nodes 1 and 2 share a key: every unknown-key frame they see is node 3's.
                cluster.node(id).kit().createTestProbe().awaitAssert(DEADLINE, () -> {
                    assertTrue(unknownKey(cluster, node) > before[node], "node " + node + " counted node 3's frames");
                    return null;
                });
            }
            Map<String, Long> three = cluster.report(3).transportCounters();
            assertEquals(0L, three.get("frames.received"), "node 3 accepts nothing: " + three);
            assertTrue(three.get("crypto.unknown_key") > 0, three.toString());
            assertEquals(0L, cluster.report(1).transportCounters().get("crypto.bad_tag"));
        }
    }

    private static long unknownKey(LocalCluster cluster, int id) {
        return cluster.report(id).transportCounters().get("crypto.unknown_key");
    }

    private static boolean isUp(LocalCluster cluster, int id, int peer) {
        return cluster.report(id).links().stream().filter(s -> s.nodeId() == peer).anyMatch(LinkStatus::up);
    }
}
