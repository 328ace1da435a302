package io.ringsync.ckpt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionDescriptor;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.SectionSelection;
import io.ringsync.ckpt.store.Times;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.ckpt.store.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node-local side of the service: handles, access rights, sizes, timeouts, refusals, iteration. */
class CkptNodeCoreTest {

    private static final CreationAttributes ATTRIBUTES =
            new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 10_000, Times.END, 10, 1_000, 8);
    private static final SectionId A = SectionId.of("a");
    private static final SectionId B = SectionId.of("b");

    private SimCluster cluster;
    private SimCluster.Node node;

    @BeforeEach
    void oneNode() {
        cluster = new SimCluster(1);
        cluster.form(List.of(List.of(1)));
        cluster.deliverAll();
        node = cluster.node(1);
    }

    private long open(OpenFlags flags) {
        return node.await(new CkptCall.Open("x", Optional.of(ATTRIBUTES), OpenFlags.of(flags.bits() | OpenFlags.CREATE))).value();
    }

    @Test
    void beforeAnyRingMutationsAndReadsAreTryAgain() {
        CkptNodeCore fresh = new CkptNodeCore(1, SimCluster.LIMITS, 1000, 10, 0);
        List<Object> replies = new ArrayList<>();
        assertTrue(fresh.submit(new CkptCall.Open("x", Optional.of(ATTRIBUTES), OpenFlags.of(7)), replies::add, 0).isEmpty());
        fresh.submit(new CkptCall.ListCheckpoints(), replies::add, 0);
        assertEquals(List.of(CkptResult.fail(CkptError.TRY_AGAIN), CkptResult.fail(CkptError.TRY_AGAIN)), replies);
    }

    @Test
    void openIsValidatedBeforeItIsSent() {
        List<CkptResult<Long>> replies = node.call(new CkptCall.Open("x", Optional.empty(), OpenFlags.of(16)));
        assertEquals(List.of(CkptResult.fail(CkptError.BAD_FLAGS)), replies, "answered at once, nothing sent");
        assertEquals(0, node.core.pendingRequests());
        assertEquals(CkptError.NOT_EXIST, node.await(new CkptCall.Open("x", Optional.empty(), OpenFlags.of(1))).error());
    }

    @Test
    void handlesCheckTheirAccess() {
        long readOnly = open(OpenFlags.of(OpenFlags.READ));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.CreateSection(readOnly, A, Times.END, new byte[0])));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.DeleteSection(readOnly, A)));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.SetExpiration(readOnly, A, 1)));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.Write(readOnly, List.of())).error());
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.Overwrite(readOnly, A, new byte[1])));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.SetActiveReplica(readOnly)));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.Synchronize(readOnly)));
        long writeOnly = open(OpenFlags.of(OpenFlags.WRITE));
        assertEquals(CkptError.ACCESS, node.await(new CkptCall.Read(writeOnly, List.of())).error());
        assertEquals(CkptError.OK, node.await(new CkptCall.CreateSection(writeOnly, A, Times.END, new byte[] {1})));
        assertEquals(CkptError.OK, node.await(new CkptCall.Read(readOnly, List.of(new ReadRange(A, 0, 1)))).error());
        assertEquals(CkptError.BAD_OPERATION, node.await(new CkptCall.Synchronize(writeOnly)), "all replicas");
        assertEquals(CkptError.BAD_OPERATION, node.await(new CkptCall.SetActiveReplica(writeOnly)));
    }

    @Test
    void unknownOrClosedHandlesAreBadHandle() {
        long handle = open(OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE));
        assertEquals(CkptError.OK, node.await(new CkptCall.Close(handle)));
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.Close(handle)));
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.CreateSection(handle, A, Times.END, new byte[0])));
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.Write(handle, List.of())).error());
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.Read(handle, List.of())).error());
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.Status(handle)).error());
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.IterationInit(handle, SectionSelection.ANY, 0)).error());
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.IterationNext(999)).error());
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.IterationFinalize(999)));
        assertEquals(0, node.core.openHandles());
    }

    @Test
    void anOpTooLargeForOneMessageIsTooBig() {
        long handle = open(OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE));
        node.await(new CkptCall.CreateSection(handle, A, Times.END, new byte[0]));
        List<WriteOutcome> replies = node.call(new CkptCall.Write(handle, List.of(new WriteElement(A, 0, new byte[950_000]))));
        assertEquals(List.of(new WriteOutcome(CkptError.TOO_BIG, -1)), replies, "above the node's 900 000-byte op limit");
        assertEquals(0, node.core.pendingRequests());
    }

    @Test
    void aRequestNotBackByItsDeadlineIsTimeoutAndAnOrphanedOpenIsClosedAgain() {
        List<CkptResult<Long>> replies = node.call(new CkptCall.Open("x", Optional.of(ATTRIBUTES), OpenFlags.of(7)));
        node.core.housekeeping(SimCluster.TIMEOUT_NS - 1, 0);
        assertTrue(replies.isEmpty());
        node.core.housekeeping(SimCluster.TIMEOUT_NS, 0);
        assertEquals(List.of(CkptResult.fail(CkptError.TIMEOUT)), replies);
        cluster.deliverAll();
        assertEquals(1, replies.size(), "answered once");
        assertEquals(1, node.replica().counters().snapshot().orphanOpensClosed());
        assertTrue(node.replica().store().list().get(0).openers().isEmpty(), "the late open holds no reference");
        assertEquals(0, node.core.openHandles());
    }

    @Test
    void aCloseTotemRefusedKeepsItsHandle() {
        long handle = open(OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE));
        List<CkptError> replies = new ArrayList<>();
        CkptNodeCore.Outgoing sent = node.core.submit(new CkptCall.Close(handle), replies::add, 0).orElseThrow();
        node.core.refused(sent.requestId(), CkptError.TRY_AGAIN);
        assertEquals(List.of(CkptError.TRY_AGAIN), replies);
        assertEquals(CkptError.OK, node.await(new CkptCall.Close(handle)), "the handle is still usable");
    }

    @Test
    void iterationSnapshotsIdsAndSkipsSectionsDeletedMeanwhile() {
        long handle = open(OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE));
        node.await(new CkptCall.CreateSection(handle, A, Times.END, new byte[3]));
        node.await(new CkptCall.CreateSection(handle, B, 50, new byte[4]));
        long iterator = node.await(new CkptCall.IterationInit(handle, SectionSelection.ANY, 0)).value();
        node.await(new CkptCall.CreateSection(handle, SectionId.of("c"), Times.END, new byte[0]));
        node.await(new CkptCall.DeleteSection(handle, A));
        assertEquals(CkptResult.ok(new SectionDescriptor(B, 50, 4)), node.await(new CkptCall.IterationNext(iterator)));
        assertEquals(CkptError.NO_SECTIONS, node.await(new CkptCall.IterationNext(iterator)).error(), "c came later");
        assertEquals(CkptError.OK, node.await(new CkptCall.IterationFinalize(iterator)));
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.IterationNext(iterator)).error());
        long forever = node.await(new CkptCall.IterationInit(handle, SectionSelection.FOREVER, 0)).value();
        assertEquals("c", node.await(new CkptCall.IterationNext(forever)).value().sectionId().display());
        node.await(new CkptCall.Close(handle));
        assertEquals(CkptError.BAD_HANDLE, node.await(new CkptCall.IterationNext(forever)).error(), "closing ends its iterations");
    }

    @Test
    void statusListAndDump() {
        long handle = open(OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE));
        node.await(new CkptCall.CreateSection(handle, A, Times.END, new byte[] {'a', 'b', 'c'}));
        assertEquals(CkptResult.ok(new CheckpointStatus(ATTRIBUTES, 1, 3)), node.await(new CkptCall.Status(handle)));
        assertEquals(1, node.await(new CkptCall.ListCheckpoints()).value().size());
        CkptCall.DumpView dump = node.await(new CkptCall.Dump("x")).value();
        assertEquals("ba7816bf8f01cfea", dump.sections().get(0).digest());
        assertEquals(CkptError.NOT_EXIST, node.await(new CkptCall.Dump("nope")).error());
        assertEquals(CkptError.OK, node.await(new CkptCall.Unlink("x")));
        assertEquals(CkptError.NOT_EXIST, node.await(new CkptCall.Unlink("x")));
        assertEquals(CkptError.NOT_EXIST, node.await(new CkptCall.Dump("x")).error(), "dump is by live name");
    }
}
