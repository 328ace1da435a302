package io.ringsync.ckpt.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.store.CheckpointStore;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadOutcome;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.ckpt.store.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replication of the checkpoint service, pure: several nodes fed identical Totem event streams
 * ({@link SimCluster}) through joins, node loss, a partition in which both sides write and its
 * merge, concurrent writes and the ordered clock; after each, every replica is the same.
 */
class CkptReplicationTest {

    private static final OpenFlags RWC = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE | OpenFlags.CREATE);
    private static final OpenFlags RW = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE);
    private static final SectionId S = SectionId.of("s");

    private static CreationAttributes attributes(long retentionNs) {
        return new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 10_000_000, retentionNs, 100, 1_000_000, 32);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long open(SimCluster.Node node, String name, long retentionNs) {
        CkptResult<Long> opened = node.await(new CkptCall.Open(name, Optional.of(attributes(retentionNs)), RWC));
        assertEquals(CkptError.OK, opened.error(), "open " + name + " on node " + node.id);
        return opened.value();
    }

    private static long openExisting(SimCluster.Node node, String name) {
        CkptResult<Long> opened = node.await(new CkptCall.Open(name, Optional.empty(), RW));
        assertEquals(CkptError.OK, opened.error());
        return opened.value();
    }

    /** One replica's full content: each checkpoint's view and section dump, in id order. */
    private static List<Object> content(CkptReplica replica) {
        CheckpointStore store = replica.store();
        List<Object> content = new ArrayList<>();
        for (CheckpointView view : store.list()) {
            content.add(view);
            content.add(store.dump(view.id()).orElseThrow());
        }
        content.add(store.clusterTimeNs());
        return content;
    }

    private static void assertIdentical(SimCluster cluster) {
        List<SimCluster.Node> nodes = cluster.nodes();
        for (SimCluster.Node node : nodes) {
            assertTrue(node.replica().readable(), "node " + node.id + " synced");
            assertEquals(content(nodes.get(0).replica()), content(node.replica()),
                    "replica of node " + node.id + " differs from node " + nodes.get(0).id);
        }
    }

    private static String read(SimCluster.Node node, long handle, SectionId section) {
        ReadOutcome outcome = node.await(new CkptCall.Read(handle, List.of(new ReadRange(section, 0, 1_000_000))));
        assertEquals(CkptError.OK, outcome.error());
        return new String(outcome.data().get(0), StandardCharsets.UTF_8);
    }

    @Test
    void writesOnOneNodeAreReadOnEveryOther() {
        SimCluster cluster = new SimCluster(1);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        long handle = open(cluster.node(1), "x", Times.END);
        assertEquals(CkptError.OK, cluster.node(1).await(new CkptCall.CreateSection(handle, S, Times.END, bytes("v1"))));
        for (int id : List.of(2, 3)) {
            long other = openExisting(cluster.node(id), "x");
            assertEquals("v1", read(cluster.node(id), other, S));
        }
        assertEquals(Map.of(1, 1, 2, 1, 3, 1), cluster.node(3).replica().store().list().get(0).openers());
        assertIdentical(cluster);
    }

    @Test
    void aJoiningNodeReceivesEveryCheckpointIncludingLargeSections() {
        SimCluster cluster = new SimCluster(2);
        cluster.form(List.of(List.of(1, 2)));
        cluster.deliverAll();
        long x = open(cluster.node(1), "x", Times.END);
        byte[] big = new byte[SyncRecordCodec.PART_BYTES * 2 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        cluster.node(1).await(new CkptCall.CreateSection(x, S, Times.END, new byte[0]));
        for (int offset = 0; offset < big.length; offset += 90_000) {
            byte[] part = java.util.Arrays.copyOfRange(big, offset, Math.min(big.length, offset + 90_000));
            assertEquals(WriteOutcome.OK, cluster.node(1).await(new CkptCall.Write(x, List.of(new WriteElement(S, offset, part)))));
        }
        long y = open(cluster.node(2), "y", 5_000);
        cluster.node(2).await(new CkptCall.CreateSection(y, SectionId.of("t"), 123_456, bytes("t")));
        cluster.node(2).await(new CkptCall.Unlink("y"));

        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        assertIdentical(cluster);
        assertEquals(2, cluster.node(3).replica().store().list().size(), "y is unlinked but still open on node 2");
        long mine = openExisting(cluster.node(3), "x");
        ReadOutcome read = cluster.node(3).await(new CkptCall.Read(mine, List.of(new ReadRange(S, 0, big.length))));
        assertArrayEquals(big, read.data().get(0));
        assertTrue(cluster.node(3).replica().counters().snapshot().syncsSent() == 1, "a first configuration sends (empty)");
    }

    @Test
    void aNodeLossDropsItsOpenersAndFreesWhatOnlyItHeldUnlinked() {
        SimCluster cluster = new SimCluster(3);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        open(cluster.node(1), "x", Times.END);
        openExisting(cluster.node(2), "x");
        open(cluster.node(2), "only2", Times.END);
        cluster.node(2).await(new CkptCall.Unlink("only2"));
        assertEquals(2, cluster.node(1).replica().store().list().size());

        cluster.crash(2);
        cluster.form(List.of(List.of(1, 3)));
        cluster.deliverAll();
        assertIdentical(cluster);
        List<CheckpointView> views = cluster.node(3).replica().store().list();
        assertEquals(1, views.size(), "only2 was freed with its last opener");
        assertEquals(Map.of(1, 1), views.get(0).openers());
    }

    @Test
    void aNodeKilledInTheMiddleOfAStreamOfWritesLeavesIdenticalSurvivors() {
        SimCluster cluster = new SimCluster(4);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        long handle = open(cluster.node(2), "x", Times.END);
        cluster.node(2).await(new CkptCall.CreateSection(handle, S, Times.END, new byte[0]));
        for (int i = 0; i < 20; i++) {
            cluster.node(2).call(new CkptCall.Write(handle, List.of(new WriteElement(S, i * 4L, bytes(String.format("%04d", i))))));
        }
        cluster.deliverSome(7);
        CheckpointStore survivor = cluster.node(1).replica().store();
        long written = survivor.view(survivor.idOf("x").orElseThrow()).orElseThrow().bytesUsed();
        assertTrue(written > 0 && written < 80, "killed in the middle: " + written + " bytes written");
        cluster.crash(2);
        cluster.form(List.of(List.of(1, 3)));
        cluster.deliverAll();
        assertIdentical(cluster);
        assertTrue(cluster.node(1).replica().store().list().get(0).openers().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7, 8})
    void twoNodesWritingOneSectionConcurrentlyEndIdentical(long seed) {
        SimCluster cluster = new SimCluster(seed);
        cluster.form(List.of(List.of(1, 2)));
        cluster.deliverAll();
        long h1 = open(cluster.node(1), "x", Times.END);
        long h2 = openExisting(cluster.node(2), "x");
        cluster.node(1).await(new CkptCall.CreateSection(h1, S, Times.END, new byte[0]));
        for (int i = 0; i < 30; i++) {
            cluster.node(1).call(new CkptCall.Write(h1, List.of(new WriteElement(S, 0, bytes("one-" + i)))));
            cluster.node(2).call(new CkptCall.Overwrite(h2, S, bytes("two-" + i)));
        }
        cluster.deliverAll();
        assertIdentical(cluster);
        String last = read(cluster.node(1), h1, S);
        assertTrue(last.startsWith("one-29") || last.equals("two-29"), last);
    }

    @Test
    void aPartitionInWhichBothSidesWriteHealsIntoIdenticalReplicas() {
        SimCluster cluster = new SimCluster(9);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        long h1 = open(cluster.node(1), "shared", Times.END);
        long h3 = openExisting(cluster.node(3), "shared");
        cluster.node(1).await(new CkptCall.CreateSection(h1, S, Times.END, bytes("before")));

        cluster.form(List.of(List.of(1, 2), List.of(3)));
        cluster.deliverAll();
        assertEquals(Map.of(1, 1), cluster.node(1).replica().store().list().get(0).openers(), "node 3 left side A");
        assertEquals(CkptError.OK, cluster.node(1).await(new CkptCall.Overwrite(h1, S, bytes("side A"))));
        assertEquals(CkptError.OK, cluster.node(3).await(new CkptCall.Overwrite(h3, S, bytes("side B"))));
        long a = open(cluster.node(2), "born-in-A", Times.END);
        long b = open(cluster.node(3), "born-in-B", Times.END);
        long pa = open(cluster.node(1), "both", Times.END);
        long pb = open(cluster.node(3), "both", Times.END);
        cluster.node(1).await(new CkptCall.CreateSection(pa, S, Times.END, bytes("A's both")));
        cluster.node(3).await(new CkptCall.CreateSection(pb, S, Times.END, bytes("B's both")));

        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        assertIdentical(cluster);
        CheckpointStore store = cluster.node(2).replica().store();
        assertEquals("side A", read(cluster.node(3), h3, S), "the first copy (partition of node 1) wins");
        assertEquals(Map.of(1, 1, 3, 1), store.view(store.idOf("shared").orElseThrow()).orElseThrow().openers(),
                "openers summed over the partitions");
        assertTrue(store.idOf("born-in-A").isPresent() && store.idOf("born-in-B").isPresent());
        assertEquals("A's both", read(cluster.node(1), pa, S));
        assertEquals("B's both", read(cluster.node(3), pb, S), "B's copy lives on, unlinked, for its opener");
        assertEquals(store.idOf("both"), cluster.node(1).replica().store().idOf("both"));
        assertEquals(5, store.list().size());
        assertEquals(1, cluster.node(3).replica().counters().snapshot().syncSuperseded());
        assertEquals(CkptError.OK, cluster.node(3).await(new CkptCall.Close(pb)));
        assertEquals(4, store.list().size(), "the superseded copy goes with its last close");
        assertIdentical(cluster);
        assertEquals(CkptError.OK, cluster.node(2).await(new CkptCall.Close(a)));
        assertEquals(CkptError.OK, cluster.node(3).await(new CkptCall.Close(b)));
        assertTrue(store.view(store.idOf("born-in-B").orElseThrow()).orElseThrow().openers().isEmpty());
        assertIdentical(cluster);
    }

    @Test
    void readsAreRefusedWhileASyncRoundRuns() {
        SimCluster cluster = new SimCluster(10);
        cluster.form(List.of(List.of(1, 2)));
        cluster.deliverAll();
        long handle = open(cluster.node(1), "x", Times.END);
        cluster.form(List.of(List.of(1, 2, 3)));
        assertEquals(CkptError.TRY_AGAIN, cluster.node(1).call(new CkptCall.Status(handle)).get(0).error());
        assertEquals(CkptError.TRY_AGAIN, cluster.node(3).call(new CkptCall.ListCheckpoints()).get(0).error());
        List<CkptError> pending = cluster.node(1).call(new CkptCall.CreateSection(handle, S, Times.END, new byte[0]));
        assertTrue(pending.isEmpty(), "a mutation waits for the round (Totem holds it)");
        cluster.deliverAll();
        assertEquals(List.of(CkptError.OK), pending);
        assertEquals(1, cluster.node(1).await(new CkptCall.Status(handle)).value().sections());
        assertIdentical(cluster);
    }

    @Test
    void sectionsExpireAndRetentionEndsAtTheSamePointOnEveryNode() {
        SimCluster cluster = new SimCluster(11);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        long keep = open(cluster.node(2), "kept", 1_000);
        cluster.node(2).await(new CkptCall.CreateSection(keep, S, 5_000, bytes("short-lived")));
        long gone = open(cluster.node(3), "retained", 1_000);
        cluster.node(3).await(new CkptCall.Close(gone));

        cluster.node(2).housekeeping(2_000);
        cluster.node(3).housekeeping(2_000);
        cluster.deliverAll();
        assertEquals(0, cluster.node(1).replica().store().clusterTimeNs(), "only the lowest member sends ticks");
        cluster.node(1).housekeeping(2_000);
        cluster.node(1).housekeeping(2_100);
        cluster.deliverAll();
        assertEquals(2_000, cluster.node(3).replica().store().clusterTimeNs(), "one tick in flight at a time");
        assertEquals(2, cluster.node(3).replica().store().list().size(), "retention counts from this tick");

        List<List<Object>> seen = new ArrayList<>();
        cluster.node(1).housekeeping(3_000);
        cluster.deliverStepwise(c -> c.nodes().forEach(n -> seen.add(content(n.replica()))));
        assertIdentical(cluster);
        assertTrue(cluster.node(1).replica().store().idOf("retained").isEmpty());
        assertEquals(1, cluster.node(2).replica().store().list().size());

        cluster.node(1).housekeeping(5_000);
        cluster.deliverAll();
        assertEquals(CkptError.NO_SECTIONS, iterateFirst(cluster.node(2), keep));
        assertFalse(cluster.node(1).replica().store().hasTimedWork(), "kept is open and has no expiring section");
        assertTrue(cluster.node(1).core.housekeeping(0, 6_000).isEmpty(), "nothing to tick for");
        assertIdentical(cluster);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void generatedSectionsCreatedConcurrentlyGetDistinctIdsAlikeOnEveryReplica(long seed) {
        SimCluster cluster = new SimCluster(seed);
        cluster.form(List.of(List.of(1, 2, 3)));
        cluster.deliverAll();
        long h1 = open(cluster.node(1), "x", Times.END);
        long h3 = openExisting(cluster.node(3), "x");
        List<List<CkptResult<SectionId>>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(cluster.node(1).call(new CkptCall.CreateGeneratedSection(h1, Times.END, bytes("one-" + i))));
            replies.add(cluster.node(3).call(new CkptCall.CreateGeneratedSection(h3, Times.END, bytes("three-" + i))));
        }
        cluster.deliverAll();
        assertIdentical(cluster);
        List<SectionId> ids = replies.stream().map(r -> r.get(0)).map(CkptResult::value).sorted().toList();
        assertEquals(10, ids.stream().distinct().count(), "every caller got its own id: " + ids);
        assertEquals(10, cluster.node(2).replica().store().list().get(0).sections());
        for (List<CkptResult<SectionId>> reply : replies) {
            SectionId id = reply.get(0).value();
            String own = read(cluster.node(1), h1, id);
            assertTrue(own.startsWith("one-") || own.startsWith("three-"), own);
        }
    }

    @Test
    void retentionDurationSetIsOrderedAndRetiresOnEveryNodeWithTheNewDuration() {
        SimCluster cluster = new SimCluster(24);
        cluster.form(List.of(List.of(1, 2)));
        cluster.deliverAll();
        long handle = open(cluster.node(2), "x", Times.END);
        long readOnly = cluster.node(1).await(new CkptCall.Open("x", Optional.empty(),
                OpenFlags.of(OpenFlags.READ))).value();
        long writer = openExisting(cluster.node(1), "x");
        assertEquals(CkptError.ACCESS, cluster.node(1).await(new CkptCall.SetRetention(readOnly, 1_000)));
        assertEquals(CkptError.INVALID_PARAM, cluster.node(1).await(new CkptCall.SetRetention(writer, -5)));
        assertEquals(CkptError.BAD_HANDLE, cluster.node(1).await(new CkptCall.SetRetention(9_999, 5)));
        assertEquals(CkptError.OK, cluster.node(1).await(new CkptCall.SetRetention(writer, 1_000)));
        for (SimCluster.Node node : cluster.nodes()) {
            assertEquals(1_000, node.replica().store().list().get(0).attributes().retentionDurationNs());
        }
        cluster.node(1).await(new CkptCall.Close(readOnly));
        cluster.node(1).await(new CkptCall.Close(writer));
        cluster.node(2).await(new CkptCall.Close(handle));
        cluster.node(1).housekeeping(10_000);
        cluster.deliverAll();
        cluster.node(1).housekeeping(11_000);
        cluster.deliverAll();
        assertIdentical(cluster);
        assertTrue(cluster.node(2).replica().store().list().isEmpty(), "retired after the new 1000 ns");
    }

    private static CkptError iterateFirst(SimCluster.Node node, long handle) {
        long iterator = node.await(new CkptCall.IterationInit(handle, io.ringsync.ckpt.store.SectionSelection.ANY, 0)).value();
        return node.await(new CkptCall.IterationNext(iterator)).error();
    }

    @Test
    void theTickRoleMovesToTheLowestMemberOfTheNextRing() {
        SimCluster cluster = new SimCluster(12);
        cluster.form(List.of(List.of(1, 2)));
        cluster.deliverAll();
        long handle = open(cluster.node(2), "x", Times.END);
        cluster.node(2).await(new CkptCall.CreateSection(handle, S, 100, bytes("x")));
        cluster.crash(1);
        cluster.form(List.of(List.of(2)));
        cluster.deliverAll();
        cluster.node(2).housekeeping(200);
        cluster.deliverAll();
        assertEquals(0, cluster.node(2).replica().store().status(cluster.node(2).replica().store().idOf("x").orElseThrow())
                .value().sections());
    }
}
