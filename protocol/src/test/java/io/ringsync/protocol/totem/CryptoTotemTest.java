package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.srp.SrpCounters;
import io.ringsync.protocol.transport.CryptoTestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with another authkey cannot join (the security issue's test, with Totem running):
 * nodes 1 and 2 share a key and form their ring; node 3, with another key, stays in a ring of
 * its own however many joins and merge detects it sends, nodes 1 and 2 count its frames as
 * {@code crypto.unknown_key}, and their ring id and ordered traffic are untouched.
 */
class CryptoTotemTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Frames of node 3 that nodes 1 and 2 must have rejected before the ring is checked again. */
    private static final long REJECTED_FRAMES = 40;

    @TempDir
    Path tmp;

    @Test
    void aNodeWithAnotherKeyNeitherJoinsNorDisturbsTheRing() {
        Path shared = CryptoTestKeys.writeAuthKey(tmp, 1);
        Path other = CryptoTestKeys.writeAuthKey(tmp, 2);
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).crypto(id -> CryptoTestKeys.crypto("aes256-gcm", id == 3 ? other : shared))
                .withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, List.of(1, 2));
            RingId ring = Rings.awaitOneRing(cluster, List.of(1, 2), DEADLINE);
            long ringsFormed = Rings.stats(cluster, 1).srp().ringsFormed();
            long before = unknownKey(cluster, 1);

            cluster.node(1).kit().createTestProbe().awaitAssert(DEADLINE, Duration.ofMillis(100), () -> {
                assertTrue(unknownKey(cluster, 1) >= before + REJECTED_FRAMES, "node 1 rejected node 3's frames");
                return null;
            });
            TotemRingChecks.multicastAll(cluster, List.of(1, 2), 50, DEADLINE);
            TotemRingChecks.awaitSameOrder(cluster, logs, List.of(1, 2), 50, ring, DEADLINE);

            for (int id : List.of(1, 2)) {
                SrpCounters srp = Rings.stats(cluster, id).srp();
                assertEquals(ring, srp.ring().ringId(), "node " + id + " kept its ring: " + srp);
                assertEquals(List.of(1, 2), srp.ring().members(), "node " + id);
                assertEquals(0L, cluster.report(id).transportCounters().get("crypto.bad_tag"), "node " + id);
            }
            assertEquals(ringsFormed, Rings.stats(cluster, 1).srp().ringsFormed(), "no ring formed meanwhile");
            SrpCounters three = Rings.stats(cluster, 3).srp();
            assertEquals(MembershipState.OPERATIONAL, three.state(), three.toString());
            assertEquals(List.of(3), three.ring().members(), "node 3 is alone: " + three);
        }
    }

    private static long unknownKey(LocalCluster cluster, int id) {
        return cluster.report(id).transportCounters().get("crypto.unknown_key");
    }
}
