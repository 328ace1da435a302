package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.crypto.CipherSuite;
import io.ringsync.protocol.crypto.FrameKeys;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.transport.CryptoTestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame key rollover under traffic, over real Aeron with Totem running ({@link KeyRing}'s three
 * steps): every node accepts the new key, then the nodes switch to sealing with it one at a time
 * while all of them multicast, then the old key is retired. Every message is delivered once and in
 * one order, no frame is refused by the crypto, and the ring never re-forms.
 */
class KeyRolloverTotemTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<Integer> IDS = List.of(1, 2, 3);
    private static final int PER_STEP = 100;

    @TempDir
    Path tmp;

    @Test
    void nodesSwitchKeysOneAtATimeWithoutLosingAFrame() throws Exception {
        Path oldKey = CryptoTestKeys.writeAuthKey(tmp, 1);
        FrameKeys next = FrameKeys.derive(AuthKey.load(CryptoTestKeys.writeAuthKey(tmp, 2)), clusterName());
        Map<Integer, KeyRing> rings = new TreeMap<>();
        for (int id : IDS) {
            rings.put(id, KeyRing.of(CipherSuite.AES_256_GCM, FrameKeys.derive(AuthKey.load(oldKey), clusterName())));
        }
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.PATIENT_TOTEM).crypto(id -> CryptoTestKeys.crypto("aes256-gcm", oldKey)).keyRings(rings::get)
                .withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, IDS);
            RingId ring = Rings.awaitOneRing(cluster, IDS, DEADLINE);
            long ringsFormed = Rings.stats(cluster, 1).srp().ringsFormed();

            int sent = 0;
            TotemRingChecks.multicastAll(cluster, IDS, sent, PER_STEP, DEADLINE);
            sent += PER_STEP;
            rings.values().forEach(r -> r.prepare(next));
            TotemRingChecks.multicastAll(cluster, IDS, sent, PER_STEP, DEADLINE);
            sent += PER_STEP;
            for (int id : IDS) {
                rings.get(id).commit(next);
                TotemRingChecks.multicastAll(cluster, IDS, sent, PER_STEP, DEADLINE);
                sent += PER_STEP;
            }
            int delivered = IDS.size() * sent;
            cluster.node(1).kit().createTestProbe().awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                logs.forEach(log -> assertTrue(log.delivered().size() >= delivered, "the grace: every frame sealed "
                        + "with the old key has arrived once the messages sent after the last commit are delivered"));
                return null;
            });
            rings.values().forEach(r -> r.retire(next.keyId()));
            TotemRingChecks.multicastAll(cluster, IDS, sent, PER_STEP, DEADLINE);
            sent += PER_STEP;

            int total = sent;
            cluster.node(1).kit().createTestProbe().awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                logs.forEach(log -> assertTrue(log.delivered().size() >= IDS.size() * total));
                return null;
            });
            for (int id : IDS) {
                Map<String, Long> counters = cluster.report(id).transportCounters();
                assertEquals(0L, counters.get("crypto.unknown_key"), "node " + id + ": " + counters);
                assertEquals(0L, counters.get("crypto.bad_tag"), "node " + id + ": " + counters);
                assertEquals(List.of(next), rings.get(id).keys().accepted(), "node " + id + " accepts the new key only");
            }
            TotemRingChecks.awaitSameOrder(cluster, logs, IDS, sent, ring, DEADLINE);
            assertEquals(ringsFormed, Rings.stats(cluster, 1).srp().ringsFormed(), "no ring formed meanwhile");
        }
    }

    /** The cluster name {@link TestSettings} gives every node, which the keys are bound to. */
    private static String clusterName() {
        return "test";
    }
}
