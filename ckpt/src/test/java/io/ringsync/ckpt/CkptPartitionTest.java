package io.ringsync.ckpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint service across a network partition over real Totem and Aeron in one JVM (the
 * transports' fault filters cut the network): three nodes share a checkpoint; split [1, 2] | [3],
 * both sides overwrite its section and create checkpoints of their own, one name on both
 * sides; healed, the sync round (one sender per merging partition, the first copy wins, openers
 * summed over the partitions) leaves every node with the same replica: both sides' new
 * checkpoints, one version of the shared section on every node, the other side's copy of the
 * name created on both sides kept unlinked for its opener.
 */
class CkptPartitionTest {

    private static final OpenFlags RW = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE);
    private static final CreationAttributes ATTRIBUTES =
            new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 1_000_000, Times.END, 16, 100_000, 32);
    private static final SectionId S = SectionId.of("s");
    private static final List<Integer> ALL = List.of(1, 2, 3);

    @TempDir
    Path tmp;

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Ckpt ckpt, long handle) throws Exception {
        return new String(get(ckpt.read(handle, List.of(new ReadRange(S, 0, 100)))).get(0), StandardCharsets.UTF_8);
    }

    @Test
    void bothSidesWriteDuringAPartitionAndTheHealLeavesIdenticalReplicas() throws Exception {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS,
                TestSettings.transport().withFaultInjection(true), TestSettings.RING_TOTEM).withTotemHoldingForSync()
                .startAll()) {
            CkptNodes nodes = new CkptNodes(cluster);
            ALL.forEach(nodes::start);
            nodes.awaitRing(ALL);
            Ckpt one = nodes.api(1);
            Ckpt three = nodes.api(3);
            long h1 = get(one.create("shared", ATTRIBUTES, RW));
            get(one.createSection(h1, S, Times.END, bytes("before")));
            long h3 = get(three.open("shared", RW));
            nodes.awaitIdentical(ALL);

            cluster.partition(List.of(1, 2), List.of(3));
            nodes.awaitRing(List.of(1, 2));
            nodes.awaitRing(List.of(3));
            get(one.overwrite(h1, S, bytes("side A")));
            get(three.overwrite(h3, S, bytes("side B")));
            get(nodes.api(2).create("born-in-A", ATTRIBUTES, RW));
            get(three.create("born-in-B", ATTRIBUTES, RW));
            long bothA = get(one.create("both", ATTRIBUTES, RW));
            long bothB = get(three.create("both", ATTRIBUTES, RW));
            get(one.createSection(bothA, S, Times.END, bytes("A's both")));
            get(three.createSection(bothB, S, Times.END, bytes("B's both")));
            assertEquals("side A", read(nodes.api(1), h1), "each side sees its own write during the partition");
            assertEquals("side B", read(three, h3));

            cluster.heal();
            nodes.awaitRing(ALL);
            nodes.awaitIdentical(ALL);
            String shared = read(one, h1);
            assertTrue(shared.equals("side A") || shared.equals("side B"), "one side's copy won: " + shared);
            assertEquals(shared, read(three, h3), "the same copy on both sides");
            List<CheckpointView> views = get(nodes.api(2).list());
            assertEquals(Set.of("shared", "born-in-A", "born-in-B", "both"),
                    views.stream().filter(v -> !v.unlinked()).map(CheckpointView::name).collect(Collectors.toSet()),
                    "both sides' checkpoints, the name created on both sides once: " + views);
            assertEquals(1, views.stream().filter(CheckpointView::unlinked).count(),
                    "the losing copy of \"both\" lives on unlinked for its opener: " + views);
            assertEquals(Map.of(1, 1, 3, 1), views.stream().filter(v -> v.name().equals("shared")).findFirst()
                    .orElseThrow().openers(), "openers summed over the partitions");
            assertEquals(Set.of("A's both", "B's both"), Set.of(read(one, bothA), read(three, bothB)),
                    "each opener still reads the copy it opened");
        }
    }
}
