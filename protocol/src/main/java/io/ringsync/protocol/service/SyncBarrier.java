package io.ringsync.protocol.service;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The node's service sync barrier, pure: application messages of a new ring may flow once every
 * service of the node has finished the ring's sync round. Reports for an older ring than the
 * newest one reported are stale and ignored (ring seqs only grow on one node).
 */
@PureCore
public final class SyncBarrier {

    private final Set<ServiceId> services;
    private final Set<ServiceId> done = EnumSet.noneOf(ServiceId.class);
    private RingId ring;
    private boolean released;

    /** A barrier waiting for every one of {@code services} (not empty). */
    public SyncBarrier(Set<ServiceId> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a sync barrier needs at least one service");
        }
        this.services = EnumSet.copyOf(services);
    }

    /** {@code service} finished the round of {@code ringId}: the ring to release, once, when it was the last. */
    public Optional<RingId> synced(ServiceId service, RingId ringId) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException(service + " is not a service of this barrier " + services);
        }
        if (ring == null || ringId.ringSeq() > ring.ringSeq()) {
            ring = ringId;
            done.clear();
            released = false;
        } else if (!ringId.equals(ring)) {
            return Optional.empty();
        }
        done.add(service);
        if (released || !done.containsAll(services)) {
            return Optional.empty();
        }
        released = true;
        return Optional.of(ring);
    }
}
