package io.ringsync.ckpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint service on real Totem nodes over Aeron UDP in one JVM: a write on one node is
 * read on every other; a node killed in the middle of a stream of its writes leaves survivors
 * with identical replicas (and without its openers); a node joining a cluster that holds
 * checkpoints receives all of them, large sections included.
 */
class CkptTotemTest {

    private static final OpenFlags RW = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE);
    private static final CreationAttributes ATTRIBUTES =
            new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 8_000_000, Times.END, 16, 1_000_000, 32);
    private static final SectionId S = SectionId.of("s");

    @TempDir
    Path tmp;

    private static LocalCluster cluster(Path root) {
        return new LocalCluster(3, root, TestSettings.FAST_LINKS, TestSettings.transport(), TestSettings.RING_TOTEM)
                .withTotemHoldingForSync();
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** The CkptException a call failed with. */
    private static CkptException failure(org.junit.jupiter.api.function.Executable call) {
        ExecutionException failed = assertThrows(ExecutionException.class, call);
        return (CkptException) failed.getCause();
    }

    /** Writes 8 bytes at {@code 8 * i}, then (once applied) the next, up to 200 or the first failure. */
    private static void writeFrom(Ckpt ckpt, long handle, int i, AtomicInteger done) {
        if (i < 200) {
            ckpt.write(handle, List.of(new WriteElement(S, i * 8L, bytes(String.format("w%07d", i)))))
                    .thenRun(() -> writeFrom(ckpt, handle, done.incrementAndGet(), done));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesAreReadOnEveryNodeAndAKilledWriterLeavesIdenticalSurvivors() throws Exception {
        try (LocalCluster cluster = cluster(tmp).startAll()) {
            CkptNodes nodes = new CkptNodes(cluster);
            List.of(1, 2, 3).forEach(nodes::start);
            nodes.awaitRing(List.of(1, 2, 3));
            Ckpt one = nodes.api(1);
            long handle = get(one.create("x", ATTRIBUTES, RW));
            get(one.createSection(handle, S, Times.END, bytes("hello")));
            for (int id : List.of(2, 3)) {
                Ckpt other = nodes.api(id);
                long mine = get(other.open("x", OpenFlags.of(OpenFlags.READ)));
                CkptNodes.await("hello on node " + id, () -> "hello".equals(new String(
                        get(other.read(mine, List.of(new ReadRange(S, 0, 100)))).get(0), StandardCharsets.UTF_8)));
            }

            Ckpt three = nodes.api(3);
            long writer = get(three.open("x", RW));
            AtomicInteger done = new AtomicInteger();
            writeFrom(three, writer, 0, done);
            CkptNodes.await("20 writes of node 3", () -> done.get() >= 20);
            cluster.stop(3);

            nodes.awaitRing(List.of(1, 2));
            nodes.awaitIdentical(List.of(1, 2));
            CheckpointView x = get(nodes.api(2).list()).get(0);
            assertEquals(Map.of(1, 1, 2, 1), x.openers(), "node 3's handles went with it");
            assertTrue(x.bytesUsed() < 200 * 8, "killed in the middle of its writes: " + x.bytesUsed() + " bytes");
        }
    }

    @Test
    void aJoiningNodeReceivesEveryCheckpoint() throws Exception {
        try (LocalCluster cluster = cluster(tmp)) {
            cluster.start(1);
            cluster.start(2);
            CkptNodes nodes = new CkptNodes(cluster);
            nodes.start(1);
            nodes.start(2);
            nodes.awaitRing(List.of(1, 2));
            Ckpt two = nodes.api(2);
            long small = get(two.create("small", ATTRIBUTES, RW));
            get(two.createSection(small, S, 4_000_000_000_000_000_000L, bytes("tiny")));
            long big = get(two.create("big", ATTRIBUTES, RW));
            byte[] data = new byte[700_000];
            new java.util.Random(3).nextBytes(data);
            get(two.createSection(big, S, Times.END, new byte[0]));
            for (int offset = 0; offset < data.length; offset += 100_000) {
                get(two.write(big, List.of(new WriteElement(S, offset,
                        java.util.Arrays.copyOfRange(data, offset, Math.min(data.length, offset + 100_000))))));
            }
            get(nodes.api(1).unlink("small"));
            assertEquals(CkptError.NOT_EXIST, failure(() -> get(two.open("small", RW))).error(), "unlinked: the name is gone");
            CkptException partial = failure(() -> get(two.write(big, List.of(new WriteElement(S, 0, bytes("ok"))
                    , new WriteElement(SectionId.of("nope"), 0, bytes("x"))))));
            assertEquals(CkptError.NOT_EXIST, partial.error());
            assertEquals(1, partial.failedIndex());
            data[0] = 'o';
            data[1] = 'k';

            cluster.start(3);
            Ckpt three = nodes.start(3);
            nodes.awaitRing(List.of(1, 2, 3));
            nodes.awaitIdentical(List.of(1, 2, 3));
            List<CheckpointView> received = get(three.list());
            assertEquals(List.of("big", "small"), received.stream().map(CheckpointView::name).sorted().toList());
            assertTrue(received.stream().anyMatch(v -> v.name().equals("small") && v.unlinked()),
                    "small is unlinked but still open on node 2");
            long mine = get(three.open("big", OpenFlags.of(OpenFlags.READ)));
            assertArrayEquals(data, get(three.read(mine, List.of(new ReadRange(S, 0, data.length)))).get(0));
        }
    }
}
