package io.ringsync.ckpt.store;

import static io.ringsync.ckpt.store.Attrs.READ_WRITE;
import static io.ringsync.ckpt.store.Attrs.READ_WRITE_CREATE;
import static io.ringsync.ckpt.store.Attrs.allReplicas;
import static io.ringsync.ckpt.store.Attrs.some;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every call of the store and each of its error paths (SA Forum AIS B.02.02 as openais answers them). */
class CheckpointStoreTest {

    private static final StoreLimits ROOMY = new StoreLimits(100, 1_000_000);
    private static final SectionId A = SectionId.of("a");
    private static final SectionId B = SectionId.of("b");

    private final CheckpointStore store = new CheckpointStore(ROOMY);
    private long serial;

    private CheckpointId nextId() {
        return new CheckpointId(1, 4, ++serial);
    }

    private CheckpointId create(String name, CreationAttributes attributes) {
        CkptResult<CheckpointId> opened = store.open(name, some(attributes), READ_WRITE_CREATE, 1, nextId());
        assertEquals(CkptError.OK, opened.error());
        return opened.value();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ----- open, close, unlink -----

    @Test
    void openValidatesFlagsNameAndAttributes() {
        assertEquals(CkptError.BAD_FLAGS, store.open("x", some(allReplicas()), OpenFlags.of(8 | 4), 1, nextId()).error());
        assertEquals(CkptError.INVALID_PARAM, store.open("", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).error());
        assertEquals(CkptError.NAME_TOO_LONG, store.open("n".repeat(257), some(allReplicas()), READ_WRITE_CREATE, 1,
                nextId()).error());
        assertEquals(CkptError.OK, store.open("n".repeat(256), some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).error());
        assertEquals(CkptError.INVALID_PARAM, store.open("x", Optional.empty(), READ_WRITE_CREATE, 1, nextId()).error(),
                "create without attributes");
        assertEquals(CkptError.INVALID_PARAM, store.open("x", some(allReplicas()), READ_WRITE, 1, nextId()).error(),
                "attributes without create");
        CreationAttributes tooBig = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 1001, 0, 10, 100, 16);
        assertEquals(CkptError.INVALID_PARAM, store.open("x", some(tooBig), READ_WRITE_CREATE, 1, nextId()).error(),
                "checkpoint size above sections x section size");
    }

    @Test
    void openMissingWithoutCreateIsNotExistAndWithDifferentAttributesExist() {
        assertEquals(CkptError.NOT_EXIST, store.open("x", Optional.empty(), READ_WRITE, 1, nextId()).error());
        CheckpointId id = create("x", allReplicas(5));
        assertEquals(CkptError.EXIST, store.open("x", some(Attrs.singleSection()), READ_WRITE_CREATE, 2, nextId()).error());
        assertEquals(id, store.open("x", some(allReplicas(9)), READ_WRITE_CREATE, 2, nextId()).value(),
                "same attributes but retention: the same checkpoint");
        assertEquals(id, store.open("x", Optional.empty(), READ_WRITE, 2, nextId()).value());
        assertEquals(Map.of(1, 1, 2, 2), store.view(id).orElseThrow().openers());
    }

    @Test
    void aSingleSectionCheckpointHasItsDefaultSection() {
        CheckpointId id = create("one", Attrs.singleSection());
        assertEquals(List.of(new SectionDescriptor(SectionId.DEFAULT, Times.END, 0)),
                store.select(id, SectionSelection.ANY, 0).value());
        assertEquals(CkptError.EXIST, store.createSection(id, A, Times.END, new byte[0]), "only the default section");
        assertEquals(CkptError.INVALID_PARAM, store.deleteSection(id, SectionId.DEFAULT));
        assertEquals(CkptError.INVALID_PARAM, store.setExpiration(id, SectionId.DEFAULT, 5));
        assertEquals(WriteOutcome.OK, store.write(id, List.of(new WriteElement(SectionId.DEFAULT, 0, bytes("hi")))));
        assertEquals("hi", text(store.read(id, List.of(new ReadRange(SectionId.DEFAULT, 0, 100))).data().get(0)));
    }

    @Test
    void closeFreesAnUnlinkedCheckpointAtTheLastClose() {
        CheckpointId id = create("x", allReplicas());
        store.open("x", Optional.empty(), READ_WRITE, 2, nextId());
        assertEquals(CkptError.OK, store.unlink("x"));
        assertTrue(store.idOf("x").isEmpty(), "the name is gone at once");
        assertEquals(CkptError.NOT_EXIST, store.open("x", Optional.empty(), READ_WRITE, 3, nextId()).error());
        CheckpointId second = create("x", allReplicas());
        assertEquals(2, store.list().size(), "the unlinked one lives beside the new one");
        assertEquals(CkptError.OK, store.createSection(id, A, Times.END, bytes("old")), "still usable through its handles");
        assertEquals(CkptError.OK, store.close(id, 1));
        assertTrue(store.view(id).isPresent());
        assertEquals(CkptError.BAD_HANDLE, store.close(id, 1), "node 1 has no handle left");
        assertEquals(CkptError.OK, store.close(id, 2));
        assertTrue(store.view(id).isEmpty(), "freed at the last close");
        assertEquals(List.of(second), store.list().stream().map(CheckpointView::id).toList());
        assertEquals(0, store.footprint() - store.view(second).orElseThrow().bytesUsed());
    }

    @Test
    void unlinkOfAnUnopenedCheckpointFreesItAndOfAnUnknownNameIsNotExist() {
        CheckpointId id = create("x", allReplicas());
        store.close(id, 1);
        assertEquals(CkptError.OK, store.unlink("x"));
        assertTrue(store.list().isEmpty());
        assertEquals(CkptError.NOT_EXIST, store.unlink("x"));
        assertEquals(CkptError.BAD_HANDLE, store.close(id, 1));
    }

    @Test
    void theMostCheckpointsIsNoSpace() {
        CheckpointStore small = new CheckpointStore(new StoreLimits(2, 1000));
        assertTrue(small.open("a", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).ok());
        CheckpointId b = small.open("b", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).value();
        assertEquals(CkptError.NO_SPACE, small.open("c", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).error());
        assertTrue(small.open("a", Optional.empty(), READ_WRITE, 2, nextId()).ok(), "opening an existing one is fine");
        small.unlink("b");
        assertEquals(CkptError.NO_SPACE, small.open("c", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).error(),
                "an unlinked checkpoint still open counts");
        small.close(b, 1);
        assertTrue(small.open("c", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).ok());
    }

    @Test
    void anIdAlreadyInUseIsRefused() {
        CheckpointId id = create("x", allReplicas());
        assertEquals(CkptError.INVALID_PARAM, store.open("y", some(allReplicas()), READ_WRITE_CREATE, 1, id).error());
    }

    // ----- sections -----

    @Test
    void sectionCreateChecksIdDataCountAndSizes() {
        CreationAttributes attributes = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 150, Times.END, 2, 100, 4);
        CheckpointId id = create("x", attributes);
        assertEquals(CkptError.INVALID_PARAM, store.createSection(id, SectionId.of("12345"), Times.END, new byte[0]),
                "id above maxSectionIdSize");
        assertEquals(CkptError.INVALID_PARAM, store.createSection(id, SectionId.DEFAULT, Times.END, new byte[0]),
                "the default id in a multi-section checkpoint");
        assertEquals(CkptError.INVALID_PARAM, store.createSection(id, A, Times.END, new byte[101]), "data above maxSectionSize");
        assertEquals(CkptError.INVALID_PARAM, store.createSection(id, A, -1, new byte[0]), "negative expiration");
        assertEquals(CkptError.OK, store.createSection(id, A, Times.END, new byte[100]));
        assertEquals(CkptError.EXIST, store.createSection(id, A, Times.END, new byte[0]));
        assertEquals(CkptError.NO_SPACE, store.createSection(id, B, Times.END, new byte[51]), "checkpoint size 150");
        assertEquals(CkptError.OK, store.createSection(id, B, Times.END, new byte[50]));
        assertEquals(CkptError.NO_SPACE, store.createSection(id, SectionId.of("c"), Times.END, new byte[0]), "maxSections 2");
        assertEquals(new CheckpointStatus(attributes, 2, 150), store.status(id).value());
    }

    @Test
    void generatedSectionIdsFollowTheLargestDecimalIdPresent() {
        CheckpointId id = create("x", allReplicas());
        record Step(String userSection, String expectedGenerated) {
        }
        List<Step> steps = List.of(
                new Step(null, "1"),
                new Step(null, "2"),
                new Step("a", "3"),
                new Step("007", "4"),
                new Step("9", "10"),
                new Step(null, "11"));
        for (Step step : steps) {
            if (step.userSection() != null) {
                assertEquals(CkptError.OK, store.createSection(id, SectionId.of(step.userSection()), Times.END, new byte[0]));
            }
            CkptResult<SectionId> created = store.createGeneratedSection(id, Times.END, bytes("d"));
            assertEquals(CkptError.OK, created.error(), step.toString());
            assertEquals(SectionId.of(step.expectedGenerated()), created.value(), step.toString());
        }
        assertEquals(CkptError.OK, store.deleteSection(id, SectionId.of("2")));
        assertEquals(SectionId.of("12"), store.createGeneratedSection(id, Times.END, new byte[0]).value(),
                "a deleted id below the largest is not reused");
        assertEquals(9, store.status(id).value().sections(), "six generated, three named, one deleted, one more");
    }

    @Test
    void generatedSectionCreateHasTheErrorsOfSectionCreate() {
        assertEquals(CkptError.EXIST, store.createGeneratedSection(create("single", Attrs.singleSection()), Times.END,
                new byte[0]).error(), "a single-section checkpoint has only its default section");
        CheckpointId id = create("x", allReplicas());
        assertEquals(CkptError.INVALID_PARAM, store.createGeneratedSection(id, Times.END, new byte[101]).error());
        assertEquals(CkptError.INVALID_PARAM, store.createGeneratedSection(id, -1, new byte[0]).error());
        for (int i = 0; i < 10; i++) {
            assertEquals(CkptError.OK, store.createGeneratedSection(id, Times.END, new byte[0]).error());
        }
        assertEquals(CkptError.NO_SPACE, store.createGeneratedSection(id, Times.END, new byte[0]).error(), "max sections");
        CreationAttributes shortIds = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 1000, Times.END, 20, 100, 1);
        CheckpointId narrow = create("narrow", shortIds);
        assertEquals(CkptError.OK, store.createSection(narrow, SectionId.of("9"), Times.END, new byte[0]));
        assertEquals(CkptError.INVALID_PARAM, store.createGeneratedSection(narrow, Times.END, new byte[0]).error(),
                "\"10\" is longer than maxSectionIdSize 1");
        assertEquals(CkptError.BAD_HANDLE, store.createGeneratedSection(new CheckpointId(9, 9, 9), Times.END,
                new byte[0]).error());
    }

    @Test
    void retentionDurationSetValidatesAndTakesEffectAtTheNextCountdown() {
        CheckpointId id = create("x", allReplicas(1_000));
        assertEquals(CkptError.INVALID_PARAM, store.setRetention(id, -1));
        assertEquals(CkptError.OK, store.setRetention(id, 5_000));
        assertEquals(5_000, store.view(id).orElseThrow().attributes().retentionDurationNs());
        assertEquals(CkptError.OK, store.open("x", some(allReplicas(1_000)), READ_WRITE_CREATE, 1, nextId()).error(),
                "open's EXIST rule still ignores retention");
        store.close(id, 1);
        store.close(id, 1);
        assertEquals(List.of(), store.tick(100).checkpointsRetired(), "the countdown starts here, with 5000");
        assertEquals(5_100, store.view(id).orElseThrow().retentionDeadlineNs());
        assertEquals(CkptError.OK, store.setRetention(id, 50));
        assertEquals(List.of(), store.tick(200).checkpointsRetired(), "a running countdown restarts with the new duration");
        assertEquals(List.of("x"), store.tick(250).checkpointsRetired());
        assertEquals(CkptError.BAD_HANDLE, store.setRetention(id, 1), "gone");

        CheckpointId unlinked = create("u", allReplicas(1_000));
        assertEquals(CkptError.OK, store.unlink("u"));
        assertEquals(CkptError.BAD_OPERATION, store.setRetention(unlinked, 1));
    }

    @Test
    void sectionDeleteAndExpirationSetOnUnknownSectionsAreNotExist() {
        CheckpointId id = create("x", allReplicas());
        assertEquals(CkptError.NOT_EXIST, store.deleteSection(id, A));
        assertEquals(CkptError.NOT_EXIST, store.setExpiration(id, A, 5));
        store.createSection(id, A, Times.END, bytes("abc"));
        assertEquals(CkptError.INVALID_PARAM, store.setExpiration(id, A, -5));
        assertEquals(CkptError.OK, store.setExpiration(id, A, 5));
        assertEquals(5, store.descriptor(id, A).orElseThrow().expirationNs());
        assertEquals(CkptError.OK, store.deleteSection(id, A));
        assertTrue(store.descriptor(id, A).isEmpty());
        assertEquals(0, store.footprint());
    }

    @Test
    void writeOfSeveralElementsStopsAtTheFirstFailureAndReportsItsIndex() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, Times.END, bytes("hello"));
        WriteOutcome outcome = store.write(id, List.of(
                new WriteElement(A, 0, bytes("J")),
                new WriteElement(A, 5, bytes(" world")),
                new WriteElement(B, 0, bytes("lost")),
                new WriteElement(A, 0, bytes("never"))));
        assertEquals(WriteOutcome.failedAt(2, CkptError.NOT_EXIST), outcome);
        assertEquals("Jello world", text(store.read(id, List.of(new ReadRange(A, 0, 100))).data().get(0)),
                "elements before the failure are written, those after it are not");
    }

    @Test
    void writeErrors() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, Times.END, new byte[0]);
        assertEquals(CkptError.INVALID_PARAM, store.write(id, List.of(new WriteElement(A, 0, new byte[0]))).error(), "no data");
        assertEquals(CkptError.INVALID_PARAM, store.write(id, List.of(new WriteElement(A, -1, bytes("x")))).error());
        assertEquals(CkptError.INVALID_PARAM, store.write(id, List.of(new WriteElement(A, 99, bytes("xy")))).error(),
                "past maxSectionSize 100");
        assertEquals(CkptError.INVALID_PARAM, store.write(id, List.of(new WriteElement(A, Long.MAX_VALUE, bytes("x")))).error());
        assertEquals(CkptError.OK, store.write(id, List.of(new WriteElement(A, 98, bytes("xy")))).error());
        assertEquals(100, store.descriptor(id, A).orElseThrow().size(), "a gap is filled with zeros");
        assertEquals(0, store.read(id, List.of(new ReadRange(A, 0, 1))).data().get(0)[0]);
    }

    @Test
    void writesBeyondTheCheckpointSizeAreNoSpace() {
        CreationAttributes attributes = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 10, Times.END, 2, 10, 4);
        CheckpointId id = create("x", attributes);
        store.createSection(id, A, Times.END, new byte[6]);
        store.createSection(id, B, Times.END, new byte[0]);
        assertEquals(WriteOutcome.failedAt(1, CkptError.NO_SPACE), store.write(id, List.of(
                new WriteElement(B, 0, new byte[4]), new WriteElement(B, 4, new byte[1]))));
        assertEquals(CkptError.OK, store.write(id, List.of(new WriteElement(B, 0, new byte[4]))).error(),
                "overwriting in place does not grow");
        assertEquals(CkptError.NO_SPACE, store.overwrite(id, A, new byte[7]));
        assertEquals(CkptError.OK, store.overwrite(id, A, new byte[2]));
        assertEquals(6, store.status(id).value().bytesUsed());
    }

    @Test
    void overwriteReplacesTheWholeSection() {
        CheckpointId id = create("x", allReplicas());
        assertEquals(CkptError.NOT_EXIST, store.overwrite(id, A, bytes("x")));
        store.createSection(id, A, Times.END, bytes("a long first value"));
        assertEquals(CkptError.INVALID_PARAM, store.overwrite(id, A, new byte[101]));
        assertEquals(CkptError.OK, store.overwrite(id, A, bytes("short")));
        assertEquals("short", text(store.read(id, List.of(new ReadRange(A, 0, 100))).data().get(0)));
        assertEquals(5 + 1, store.footprint(), "data and id bytes");
    }

    @Test
    void readOfSeveralRanges() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, Times.END, bytes("0123456789"));
        store.createSection(id, B, Times.END, bytes("bee"));
        ReadOutcome outcome = store.read(id, List.of(new ReadRange(A, 2, 3), new ReadRange(B, 1, 100),
                new ReadRange(A, 10, 5)));
        assertEquals(CkptError.OK, outcome.error());
        assertEquals(List.of("234", "ee", ""), outcome.data().stream().map(CheckpointStoreTest::text).toList());
        assertEquals(ReadOutcome.failedAt(1, CkptError.INVALID_PARAM).error(),
                store.read(id, List.of(new ReadRange(A, 0, 1), new ReadRange(A, 11, 1))).error());
        assertEquals(1, store.read(id, List.of(new ReadRange(A, 0, 1), new ReadRange(A, 11, 1))).failedIndex());
        assertEquals(CkptError.INVALID_PARAM, store.read(id, List.of(new ReadRange(A, -1, 1))).error());
        assertEquals(CkptError.INVALID_PARAM, store.read(id, List.of(new ReadRange(A, 0, -1))).error());
        assertEquals(CkptError.NOT_EXIST, store.read(id, List.of(new ReadRange(SectionId.of("zz"), 0, 1))).error());
    }

    @Test
    void iterationSelections() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, 100, new byte[1]);
        store.createSection(id, B, Times.END, new byte[2]);
        store.createSection(id, SectionId.of("c"), 300, new byte[3]);
        assertEquals(List.of("a", "b", "c"), ids(store.select(id, SectionSelection.ANY, 0).value()));
        assertEquals(List.of("b"), ids(store.select(id, SectionSelection.FOREVER, 0).value()));
        assertEquals(List.of("a"), ids(store.select(id, SectionSelection.LEQ_EXPIRATION_TIME, 200).value()));
        assertEquals(List.of("b", "c"), ids(store.select(id, SectionSelection.GEQ_EXPIRATION_TIME, 200).value()));
        assertEquals(List.of(), ids(store.select(id, SectionSelection.CORRUPTED, 200).value()));
    }

    private static List<String> ids(List<SectionDescriptor> descriptors) {
        return descriptors.stream().map(d -> d.sectionId().display()).toList();
    }

    // ----- active replica -----

    @Test
    void aCollocatedCheckpointNeedsItsActiveReplicaBeforeWrites() {
        int flags = CreationAttributes.WR_ACTIVE_REPLICA | CreationAttributes.CHECKPOINT_COLLOCATED;
        CheckpointId id = create("x", new CreationAttributes(flags, 100, Times.END, 2, 50, 4));
        assertEquals(CkptError.NOT_EXIST, store.createSection(id, A, Times.END, new byte[0]), "no active replica yet");
        assertEquals(CkptError.NOT_EXIST, store.synchronize(id));
        assertEquals(-1, store.view(id).orElseThrow().activeReplicaNode());
        assertEquals(CkptError.OK, store.setActiveReplica(id, 3));
        assertEquals(3, store.view(id).orElseThrow().activeReplicaNode());
        assertEquals(CkptError.OK, store.createSection(id, A, Times.END, new byte[0]));
        assertEquals(CkptError.OK, store.synchronize(id));
    }

    @Test
    void activeReplicaSetAndSynchronizeAreBadOperationsForAllReplicas() {
        CheckpointId id = create("x", allReplicas());
        assertEquals(CkptError.BAD_OPERATION, store.setActiveReplica(id, 1));
        assertEquals(CkptError.BAD_OPERATION, store.synchronize(id));
        assertEquals(0, store.view(id).orElseThrow().activeReplicaNode());
        CheckpointId active = create("y", new CreationAttributes(CreationAttributes.WR_ACTIVE_REPLICA, 100, Times.END, 2, 50, 4));
        assertEquals(CkptError.BAD_OPERATION, store.setActiveReplica(active, 1), "not collocated: the service picks it");
        assertEquals(CkptError.OK, store.synchronize(active));
        assertEquals(1, store.view(active).orElseThrow().activeReplicaNode(), "the creator");
    }

    // ----- a checkpoint that is gone -----

    @Test
    void everyCallOnAVanishedCheckpointIsBadHandle() {
        CheckpointId gone = new CheckpointId(9, 9, 9);
        assertEquals(CkptError.BAD_HANDLE, store.createSection(gone, A, Times.END, new byte[0]));
        assertEquals(CkptError.BAD_HANDLE, store.deleteSection(gone, A));
        assertEquals(CkptError.BAD_HANDLE, store.setExpiration(gone, A, 1));
        assertEquals(WriteOutcome.failedAt(0, CkptError.BAD_HANDLE), store.write(gone, List.of()));
        assertEquals(CkptError.BAD_HANDLE, store.overwrite(gone, A, new byte[0]));
        assertEquals(CkptError.BAD_HANDLE, store.read(gone, List.of()).error());
        assertEquals(CkptError.BAD_HANDLE, store.setActiveReplica(gone, 1));
        assertEquals(CkptError.BAD_HANDLE, store.synchronize(gone));
        assertEquals(CkptError.BAD_HANDLE, store.status(gone).error());
        assertEquals(CkptError.BAD_HANDLE, store.select(gone, SectionSelection.ANY, 0).error());
        assertEquals(CkptError.BAD_HANDLE, store.close(gone, 1));
        assertTrue(store.descriptor(gone, A).isEmpty());
        assertTrue(store.dump(gone).isEmpty());
    }

    // ----- limits -----

    @Test
    void theStoreByteLimitIsNoSpaceAcrossCheckpoints() {
        CheckpointStore small = new CheckpointStore(new StoreLimits(10, 20));
        CheckpointId x = small.open("x", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).value();
        CheckpointId y = small.open("y", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).value();
        assertEquals(CkptError.OK, small.createSection(x, A, Times.END, new byte[9]), "10 bytes with the id");
        assertEquals(CkptError.NO_SPACE, small.createSection(y, A, Times.END, new byte[10]));
        assertEquals(CkptError.OK, small.createSection(y, A, Times.END, new byte[5]));
        assertEquals(WriteOutcome.failedAt(0, CkptError.NO_SPACE), small.write(y, List.of(new WriteElement(A, 5, new byte[5]))));
        assertEquals(CkptError.OK, small.write(y, List.of(new WriteElement(A, 5, new byte[4]))).error());
        assertEquals(CkptError.NO_SPACE, small.overwrite(x, A, new byte[10]));
        assertEquals(20, small.footprint());
        small.deleteSection(x, A);
        assertEquals(10, small.footprint());
        assertEquals(CkptError.OK, small.overwrite(y, A, new byte[19]));
    }

    @Test
    void aWriteCannotGrowPastTheRoomLeftEvenSpreadOverElements() {
        CheckpointStore small = new CheckpointStore(new StoreLimits(10, 12));
        CheckpointId x = small.open("x", some(allReplicas()), READ_WRITE_CREATE, 1, nextId()).value();
        small.createSection(x, A, Times.END, new byte[0]);
        WriteOutcome outcome = small.write(x, List.of(new WriteElement(A, 0, new byte[6]), new WriteElement(A, 6, new byte[6])));
        assertEquals(WriteOutcome.failedAt(1, CkptError.NO_SPACE), outcome);
        assertEquals(7, small.footprint());
    }

    // ----- the ordered clock: expiration and retention -----

    @Test
    void aTickDeletesExpiredSectionsButNeverTheDefaultOne() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, 100, bytes("a"));
        store.createSection(id, B, 200, bytes("b"));
        CheckpointId single = create("one", Attrs.singleSection());
        assertTrue(store.hasTimedWork());
        assertEquals(1, store.tick(150).sectionsExpired());
        assertEquals(List.of("b"), ids(store.select(id, SectionSelection.ANY, 0).value()));
        assertEquals(0, store.tick(120).sectionsExpired(), "the clock never goes back");
        assertEquals(150, store.clusterTimeNs());
        assertEquals(1, store.tick(200).sectionsExpired());
        assertEquals(1, store.select(single, SectionSelection.ANY, 0).value().size());
        assertFalse(store.hasTimedWork());
        assertEquals(0, store.footprint());
    }

    @Test
    void retentionCountsFromTheFirstTickThatFindsTheCheckpointClosed() {
        CheckpointId id = create("x", allReplicas(1_000));
        assertFalse(store.hasTimedWork(), "open: no retention");
        store.tick(500);
        store.close(id, 1);
        assertTrue(store.hasTimedWork());
        assertEquals(List.of(), store.tick(2_000).checkpointsRetired(), "the countdown starts here");
        assertEquals(3_000, store.view(id).orElseThrow().retentionDeadlineNs());
        assertEquals(List.of(), store.tick(2_999).checkpointsRetired());
        assertEquals(List.of("x"), store.tick(3_000).checkpointsRetired());
        assertTrue(store.list().isEmpty());
        assertTrue(store.idOf("x").isEmpty());
    }

    @Test
    void openingAgainCancelsRetentionAndForeverNeverExpires() {
        CheckpointId id = create("x", allReplicas(1_000));
        store.close(id, 1);
        store.tick(0);
        store.open("x", Optional.empty(), READ_WRITE, 2, nextId());
        assertEquals(Times.END, store.view(id).orElseThrow().retentionDeadlineNs());
        assertEquals(List.of(), store.tick(10_000).checkpointsRetired());
        store.close(id, 2);
        store.tick(10_001);
        assertEquals(List.of(), store.tick(10_500).checkpointsRetired(), "counts again from its own start");
        assertEquals(List.of("x"), store.tick(11_001).checkpointsRetired());

        CheckpointId forever = create("f", allReplicas());
        store.close(forever, 1);
        assertFalse(store.hasTimedWork());
        assertEquals(List.of(), store.tick(Long.MAX_VALUE - 1).checkpointsRetired());
    }

    @Test
    void retentionZeroGoesAtTheNextTick() {
        CheckpointId id = create("x", allReplicas(0));
        store.close(id, 1);
        assertEquals(List.of("x"), store.tick(7).checkpointsRetired());
    }

    // ----- views, dump, sync support -----

    @Test
    void listAndDumpShowWhatReplicasCompare() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, 100, bytes("abc"));
        CheckpointView view = store.list().get(0);
        assertEquals("x", view.name());
        assertEquals(1, view.sections());
        assertEquals(3, view.bytesUsed());
        assertEquals(Map.of(1, 1), view.openers());
        SectionDump dump = store.dump(id).orElseThrow().get(0);
        assertEquals(new SectionDescriptor(A, 100, 3), dump.descriptor());
        assertEquals("ba7816bf8f01cfea", dump.digest(), "SHA-256 of abc");
    }

    @Test
    void imagesRebuildAnIdenticalStore() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, 100, bytes("abc"));
        CheckpointId gone = create("y", allReplicas());
        store.open("y", Optional.empty(), READ_WRITE, 2, nextId());
        store.unlink("y");
        store.tick(50);
        CheckpointStore copy = new CheckpointStore(ROOMY);
        store.images().forEach(image -> assertEquals(CkptError.OK, copy.adopt(image)));
        copy.clusterTimeNs(store.clusterTimeNs());
        assertEquals(store.list(), copy.list());
        assertEquals(store.footprint(), copy.footprint());
        assertEquals(store.clusterTimeNs(), copy.clusterTimeNs());
        assertTrue(copy.idOf("y").isEmpty(), "unlinked stays unlinked");
        assertEquals(CkptError.EXIST, copy.adopt(store.images().get(0)));
        assertArrayEquals(bytes("abc"), copy.read(id, List.of(new ReadRange(A, 0, 9))).data().get(0));
        assertTrue(copy.view(gone).isPresent());
    }

    @Test
    void adoptRespectsTheLimits() {
        CheckpointId id = create("x", allReplicas());
        store.createSection(id, A, Times.END, new byte[50]);
        assertEquals(CkptError.NO_SPACE, new CheckpointStore(new StoreLimits(10, 40)).adopt(store.images().get(0)));
        CheckpointStore one = new CheckpointStore(new StoreLimits(1, 1000));
        one.open("z", some(allReplicas()), READ_WRITE_CREATE, 1, nextId());
        assertEquals(CkptError.NO_SPACE, one.adopt(store.images().get(0)));
    }

    @Test
    void forgettingOpenersOfNodesThatLeftFreesUnlinkedCheckpoints() {
        CheckpointId x = create("x", allReplicas());
        store.open("x", Optional.empty(), READ_WRITE, 2, nextId());
        store.open("y", some(allReplicas()), READ_WRITE_CREATE, 2, nextId());
        store.unlink("y");
        store.retainOpeners(Set.of(1, 3));
        assertEquals(Map.of(1, 1), store.view(x).orElseThrow().openers());
        assertEquals(1, store.list().size(), "y was unlinked and only node 2 had it open");
    }
}
