package io.ringsync.protocol.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.protocol.totem.RingId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The node's sync barrier releases a ring once, when its last service has synced, and ignores stale rings. */
class SyncBarrierTest {

    private static final RingId OLD = new RingId(1, 4);
    private static final RingId NEW = new RingId(2, 8);

    @Test
    void releasesOnceWhenEveryServiceHasSynced() {
        SyncBarrier barrier = new SyncBarrier(Set.of(ServiceId.QUORUM, ServiceId.CPG));
        assertEquals(Optional.empty(), barrier.synced(ServiceId.QUORUM, OLD));
        assertEquals(Optional.of(OLD), barrier.synced(ServiceId.CPG, OLD));
        assertEquals(Optional.empty(), barrier.synced(ServiceId.CPG, OLD));
    }

    @Test
    void aNewerRingStartsOverAndStaleReportsAreIgnored() {
        SyncBarrier barrier = new SyncBarrier(Set.of(ServiceId.QUORUM, ServiceId.CPG));
        barrier.synced(ServiceId.QUORUM, OLD);
        assertEquals(Optional.empty(), barrier.synced(ServiceId.QUORUM, NEW));
        assertEquals(Optional.empty(), barrier.synced(ServiceId.CPG, OLD));
        assertEquals(Optional.of(NEW), barrier.synced(ServiceId.CPG, NEW));
    }

    @Test
    void refusesAServiceItDoesNotWaitFor() {
        SyncBarrier barrier = new SyncBarrier(Set.of(ServiceId.QUORUM));
        assertThrows(IllegalArgumentException.class, () -> barrier.synced(ServiceId.CKPT, OLD));
        assertThrows(IllegalArgumentException.class, () -> new SyncBarrier(Set.of()));
    }
}
