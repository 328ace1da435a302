package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.crypto.CipherSuite;
import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.FrameKeys;
import io.ringsync.protocol.transport.AeronTransport;
import io.ringsync.protocol.transport.CryptoTestKeys;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.LinkPing;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile frames on the wire while the ring works (the security issue's test): an outsider with
 * its own Aeron publication to node 1's link address sends garbage, every truncation of a
 * sealed frame, and bit-flipped copies of it, while the three nodes order their traffic. Every
 * injected frame is dropped and counted by node 1 (crypto.* or drop.*), nothing of the traffic is
 * lost or reordered, and no new ring forms.
 */
class InjectedFramesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<Integer> ALL = List.of(1, 2, 3);

    @TempDir
    Path tmp;

    @Test
    void garbageTruncatedAndTamperedFramesAreDroppedWhileTrafficGoesOn() throws Exception {
        Path key = CryptoTestKeys.writeAuthKey(tmp, 1);
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).crypto(id -> CryptoTestKeys.crypto("aes256-gcm", key)).withTotem().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);
            long ringsFormed = Rings.stats(cluster, 1).srp().ringsFormed();
            long rejectedBefore = rejected(cluster.report(1).transportCounters());

            List<byte[]> hostile = hostileFrames(key, cluster.settings(1).clusterName());
            String node1 = cluster.settings(1).nodelist().get(0).links().get(0).hostPort();
            try (Injector injector = new Injector(tmp.resolve("injector"), node1)) {
                TotemRingChecks.multicastAll(cluster, ALL, 100, DEADLINE);
                for (byte[] frame : hostile) {
                    injector.send(frame);
                }
                TotemRingChecks.awaitSameOrder(cluster, logs, ALL, 100, ring, DEADLINE);
                cluster.node(1).kit().createTestProbe().awaitAssert(DEADLINE, Duration.ofMillis(100), () -> {
                    long rejected = rejected(cluster.report(1).transportCounters()) - rejectedBefore;
                    assertEquals(hostile.size(), rejected, "every injected frame dropped and counted once");
                    return null;
                });
            }
            for (int id : ALL) {
                assertEquals(ring, Rings.stats(cluster, id).srp().ring().ringId(), "node " + id + " kept its ring");
            }
            assertEquals(ringsFormed, Rings.stats(cluster, 1).srp().ringsFormed(), "no ring formed meanwhile");
        }
    }

    /** Garbage, every truncation of a frame sealed for node 2 (boot 0, an old session), and 200 bit flips of it. */
    private static List<byte[]> hostileFrames(Path keyFile, String clusterName) throws Exception {
        FrameKeys keys = FrameKeys.derive(AuthKey.load(keyFile), clusterName);
        FrameCrypto node2 = FrameCrypto.of(CipherSuite.AES_256_GCM, keys, 2, 0, new SecureRandom());
        FrameEncoder encoder = new FrameEncoder(ClusterHash.of(clusterName));
        int length = encoder.encode(new LinkPing(2, 1, 0, 1, 1));
        byte[] plain = new byte[length];
        encoder.buffer().getBytes(0, plain);
        byte[] sealed = node2.seal(plain, 0, plain.length);
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            frames.add(garbage);
        }
        for (int cut = 1; cut < sealed.length; cut++) {
            frames.add(Arrays.copyOf(sealed, cut));
        }
        for (int i = 0; i < 200; i++) {
            byte[] flipped = sealed.clone();
            int bit = random.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            frames.add(flipped);
        }
        return frames;
    }

    private static long rejected(Map<String, Long> counters) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith("crypto.") || e.getKey().startsWith("drop.")).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** An outsider's Aeron media driver and publication to one node's link address. */
    private static final class Injector implements AutoCloseable {
        private final MediaDriver driver;
        private final Aeron aeron;
        private final ExclusivePublication publication;

        Injector(Path dir, String endpoint) {
            driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir.toString())
                    .dirDeleteOnStart(true).dirDeleteOnShutdown(true).threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new SleepingMillisIdleStrategy(1)).publicationTermBufferLength(64 * 1024)
                    .termBufferSparseFile(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            publication = aeron.addExclusivePublication("aeron:udp?endpoint=" + endpoint + "|term-length=65536",
                    AeronTransport.STREAM_ID);
        }

        void send(byte[] frame) throws InterruptedException {
            UnsafeBuffer buffer = new UnsafeBuffer(frame);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (publication.offer(buffer, 0, frame.length) < 0) {
                assertTrue(System.nanoTime() < deadline, "the injector's publication never took a frame");
                Thread.sleep(1);
            }
        }

        @Override
        public void close() {
            publication.close();
            aeron.close();
            driver.close();
        }
    }
}
