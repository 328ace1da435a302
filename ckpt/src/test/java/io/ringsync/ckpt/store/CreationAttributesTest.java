package io.ringsync.ckpt.store;

import static io.ringsync.ckpt.store.CreationAttributes.CHECKPOINT_COLLOCATED;
import static io.ringsync.ckpt.store.CreationAttributes.WR_ACTIVE_REPLICA;
import static io.ringsync.ckpt.store.CreationAttributes.WR_ACTIVE_REPLICA_WEAK;
import static io.ringsync.ckpt.store.CreationAttributes.WR_ALL_REPLICAS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SA Forum rules on creation attributes and open flags. */
class CreationAttributesTest {

    private static CreationAttributes flags(int creationFlags) {
        return new CreationAttributes(creationFlags, 100, 0, 2, 50, 8);
    }

    @Test
    void exactlyOneWritePolicyAndCollocationOnlyWithAnActiveReplica() {
        assertEquals(CkptError.OK, flags(WR_ALL_REPLICAS).validate());
        assertEquals(CkptError.OK, flags(WR_ACTIVE_REPLICA).validate());
        assertEquals(CkptError.OK, flags(WR_ACTIVE_REPLICA_WEAK | CHECKPOINT_COLLOCATED).validate());
        assertEquals(CkptError.INVALID_PARAM, flags(0).validate());
        assertEquals(CkptError.INVALID_PARAM, flags(WR_ALL_REPLICAS | WR_ACTIVE_REPLICA).validate());
        assertEquals(CkptError.INVALID_PARAM, flags(WR_ALL_REPLICAS | CHECKPOINT_COLLOCATED).validate());
        assertEquals(CkptError.INVALID_PARAM, flags(WR_ALL_REPLICAS | 16).validate());
    }

    @Test
    void sizesMustFitAndNotBeNegative() {
        assertEquals(CkptError.OK, new CreationAttributes(WR_ALL_REPLICAS, 100, 0, 2, 50, 8).validate());
        assertEquals(CkptError.INVALID_PARAM, new CreationAttributes(WR_ALL_REPLICAS, 101, 0, 2, 50, 8).validate());
        assertEquals(CkptError.INVALID_PARAM, new CreationAttributes(WR_ALL_REPLICAS, 10, 0, 0, 50, 8).validate());
        assertEquals(CkptError.INVALID_PARAM, new CreationAttributes(WR_ALL_REPLICAS, -1, 0, 2, 50, 8).validate());
        assertEquals(CkptError.INVALID_PARAM, new CreationAttributes(WR_ALL_REPLICAS, 10, -1, 2, 50, 8).validate());
        assertEquals(CkptError.INVALID_PARAM, new CreationAttributes(WR_ALL_REPLICAS, 10, 0, 2, 50, -1).validate());
        assertEquals(CkptError.OK, new CreationAttributes(WR_ALL_REPLICAS, Long.MAX_VALUE, 0, Integer.MAX_VALUE,
                Long.MAX_VALUE, 8).validate(), "the capacity product saturates instead of overflowing");
    }

    @Test
    void retentionIsIgnoredWhenComparing() {
        CreationAttributes a = new CreationAttributes(WR_ALL_REPLICAS, 100, 5, 2, 50, 8);
        assertTrue(a.sameAsIgnoringRetention(new CreationAttributes(WR_ALL_REPLICAS, 100, 9, 2, 50, 8)));
        assertFalse(a.sameAsIgnoringRetention(new CreationAttributes(WR_ALL_REPLICAS, 100, 5, 2, 50, 9)));
    }

    @Test
    void writesAllowedFromCreationUnlessCollocated() {
        assertTrue(flags(WR_ALL_REPLICAS).activeReplicaAtCreation());
        assertTrue(flags(WR_ACTIVE_REPLICA).activeReplicaAtCreation());
        assertFalse(flags(WR_ACTIVE_REPLICA | CHECKPOINT_COLLOCATED).activeReplicaAtCreation());
    }

    @Test
    void openFlagsKnowThreeBits() {
        assertEquals(CkptError.OK, OpenFlags.of(7).validate());
        assertEquals(CkptError.BAD_FLAGS, OpenFlags.of(8).validate());
        assertEquals("read|create", OpenFlags.of(5).toString());
        assertEquals("none", OpenFlags.of(0).toString());
    }

    @Test
    void selectionsAsCorosyncChoosesThem() {
        assertTrue(SectionSelection.FOREVER.matches(Times.END, 0));
        assertFalse(SectionSelection.FOREVER.matches(10, 0));
        assertTrue(SectionSelection.LEQ_EXPIRATION_TIME.matches(10, 10));
        assertFalse(SectionSelection.LEQ_EXPIRATION_TIME.matches(11, 10));
        assertTrue(SectionSelection.GEQ_EXPIRATION_TIME.matches(10, 10));
        assertFalse(SectionSelection.GEQ_EXPIRATION_TIME.matches(9, 10));
        assertFalse(SectionSelection.CORRUPTED.matches(10, 10));
        assertTrue(SectionSelection.ANY.matches(3, 10));
    }

    @Test
    void errorsKeepTheirStandardNumbers() {
        assertEquals(1, CkptError.OK.code());
        assertEquals(6, CkptError.TRY_AGAIN.code());
        assertEquals(27, CkptError.NO_SECTIONS.code());
        assertEquals(CkptError.BAD_FLAGS, CkptError.of(25).orElseThrow());
        assertTrue(CkptError.of(99).isEmpty());
    }

    @Test
    void sectionIdsCompareByContent() {
        assertEquals(SectionId.of("a"), SectionId.of(new byte[] {'a'}));
        assertTrue(SectionId.of(new byte[] {(byte) 0xff}).compareTo(SectionId.of("a")) > 0, "unsigned order");
        assertEquals("0x00ff", SectionId.of(new byte[] {0, (byte) 0xff}).display());
        assertTrue(SectionId.of(new byte[0]).isDefault());
    }
}
