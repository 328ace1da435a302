package io.ringsync.ckpt.store;

import io.ringsync.protocol.PureCore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The checkpoint store of one replica (openais CKPT, SA Forum AIS B.02.02): checkpoints by id,
 * live names, and every call with the standard's checks and typed results. Pure and
 * deterministic: replicas that apply the same calls in the same order hold the same state, which
 * is how the service replicates it (every mutation is an ordered message). Time enters only
 * through {@link #tick}, itself an ordered message, never a clock.
 *
 * <p>Checkpoints are addressed by {@link CheckpointId} once open, so an unlinked checkpoint that
 * is still open lives beside a new one of the same name. Access rights (read, write) belong to
 * handles and are checked by the caller; handles per node are counted here (the openers) because
 * retention and unlink depend on them. Beyond the {@link StoreLimits} calls get NO_SPACE.
 */
@PureCore
public final class CheckpointStore {

    /** {@code SA_MAX_NAME_LENGTH}: the longest checkpoint name in bytes. */
    public static final int MAX_NAME_BYTES = 256;

    private final StoreLimits limits;
    private final TreeMap<CheckpointId, Checkpoint> checkpoints = new TreeMap<>();
    private final Map<String, CheckpointId> names = new HashMap<>();
    private long footprint;
    private long clusterTimeNs;

    /** An empty store within {@code limits}. */
    public CheckpointStore(StoreLimits limits) {
        this.limits = limits;
    }

    /** The store's limits. */
    public StoreLimits limits() {
        return limits;
    }

    /**
     * Open by a handle of node {@code nodeId}: BAD_FLAGS for unknown flag bits; NAME_TOO_LONG or
     * INVALID_PARAM (empty) for the name; INVALID_PARAM when create comes without attributes or
     * attributes without create, or they are invalid; for a live name, EXIST when create's
     * attributes differ (retention aside), else one more opener; for a missing name NOT_EXIST
     * without create, NO_SPACE at the most checkpoints, else a new checkpoint with id
     * {@code newId} (and its default section when it has one section). Cancels retention.
     */
    public CkptResult<CheckpointId> open(String name, Optional<CreationAttributes> attributes, OpenFlags flags,
                                         int nodeId, CheckpointId newId) {
        CkptError valid = validateOpen(name, attributes, flags);
        if (!valid.ok()) {
            return CkptResult.fail(valid);
        }
        CheckpointId existing = names.get(name);
        if (existing != null) {
            Checkpoint checkpoint = checkpoints.get(existing);
            if (attributes.isPresent() && !attributes.get().sameAsIgnoringRetention(checkpoint.attributes())) {
                return CkptResult.fail(CkptError.EXIST);
            }
            checkpoint.opened(nodeId);
            return CkptResult.ok(existing);
        }
        if (!flags.create()) {
            return CkptResult.fail(CkptError.NOT_EXIST);
        }
        if (checkpoints.size() >= limits.maxCheckpoints()) {
            return CkptResult.fail(CkptError.NO_SPACE);
        }
        if (checkpoints.containsKey(newId)) {
            return CkptResult.fail(CkptError.INVALID_PARAM);
        }
        Checkpoint checkpoint = new Checkpoint(newId, name, attributes.get(), nodeId);
        checkpoint.opened(nodeId);
        checkpoints.put(newId, checkpoint);
        names.put(name, newId);
        return CkptResult.ok(newId);
    }

    /**
     * The checks of open that need no state (also run by a node before it sends an open, to
     * answer at once).
     */
    public static CkptError validateOpen(String name, Optional<CreationAttributes> attributes, OpenFlags flags) {
        if (!flags.validate().ok()) {
            return CkptError.BAD_FLAGS;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return CkptError.NAME_TOO_LONG;
        }
        if (name.isEmpty() || flags.create() != attributes.isPresent()) {
            return CkptError.INVALID_PARAM;
        }
        return attributes.map(CreationAttributes::validate).orElse(CkptError.OK);
    }

    /**
     * Close of a handle of node {@code nodeId}: BAD_HANDLE when the checkpoint is gone or the node
     * has no handle on it. The last close frees an unlinked checkpoint; otherwise retention
     * starts counting at the next tick.
     */
    public CkptError close(CheckpointId id, int nodeId) {
        Checkpoint checkpoint = checkpoints.get(id);
        if (checkpoint == null || !checkpoint.closed(nodeId)) {
            return CkptError.BAD_HANDLE;
        }
        freeIfUnlinkedAndClosed(checkpoint);
        return CkptError.OK;
    }

    /** Unlink: NOT_EXIST when no live checkpoint has the name; the name goes at once, the data at the last close. */
    public CkptError unlink(String name) {
        CheckpointId id = names.remove(name);
        if (id == null) {
            return CkptError.NOT_EXIST;
        }
        Checkpoint checkpoint = checkpoints.get(id);
        checkpoint.unlink();
        freeIfUnlinkedAndClosed(checkpoint);
        return CkptError.OK;
    }

    /** Section create (see {@link Checkpoint#createSection}); BAD_HANDLE when the checkpoint is gone. */
    public CkptError createSection(CheckpointId id, SectionId sectionId, long expirationNs, byte[] initialData) {
        return mutate(id, checkpoint -> checkpoint.createSection(sectionId, expirationNs, initialData, room()),
                CkptError.BAD_HANDLE);
    }

    /** Section create with a generated id (see {@link Checkpoint#createGeneratedSection}): the id; BAD_HANDLE when the checkpoint is gone. */
    public CkptResult<SectionId> createGeneratedSection(CheckpointId id, long expirationNs, byte[] initialData) {
        return mutate(id, checkpoint -> checkpoint.createGeneratedSection(expirationNs, initialData, room()),
                CkptResult.fail(CkptError.BAD_HANDLE));
    }

    /** Retention duration set (see {@link Checkpoint#setRetention}); BAD_HANDLE when the checkpoint is gone. */
    public CkptError setRetention(CheckpointId id, long durationNs) {
        return mutate(id, checkpoint -> checkpoint.setRetention(durationNs), CkptError.BAD_HANDLE);
    }

    /** Section delete: BAD_HANDLE, INVALID_PARAM for the default section, NOT_EXIST. */
    public CkptError deleteSection(CheckpointId id, SectionId sectionId) {
        return mutate(id, checkpoint -> checkpoint.deleteSection(sectionId), CkptError.BAD_HANDLE);
    }

    /** Section expiration time set: BAD_HANDLE, INVALID_PARAM for the default section or a negative time, NOT_EXIST. */
    public CkptError setExpiration(CheckpointId id, SectionId sectionId, long expirationNs) {
        return mutate(id, checkpoint -> checkpoint.setExpiration(sectionId, expirationNs), CkptError.BAD_HANDLE);
    }

    /** Write of several elements (see {@link Checkpoint#write}); BAD_HANDLE at index 0 when the checkpoint is gone. */
    public WriteOutcome write(CheckpointId id, List<WriteElement> elements) {
        return mutate(id, checkpoint -> checkpoint.write(elements, room()), WriteOutcome.failedAt(0, CkptError.BAD_HANDLE));
    }

    /** Overwrite of a whole section (see {@link Checkpoint#overwrite}); BAD_HANDLE when the checkpoint is gone. */
    public CkptError overwrite(CheckpointId id, SectionId sectionId, byte[] data) {
        return mutate(id, checkpoint -> checkpoint.overwrite(sectionId, data, room()), CkptError.BAD_HANDLE);
    }

    /** Read of several ranges (see {@link Checkpoint#read}); BAD_HANDLE at index 0 when the checkpoint is gone. */
    public ReadOutcome read(CheckpointId id, List<ReadRange> ranges) {
        Checkpoint checkpoint = checkpoints.get(id);
        return checkpoint == null ? ReadOutcome.failedAt(0, CkptError.BAD_HANDLE) : checkpoint.read(ranges);
    }

    /** Active replica set by node {@code nodeId}: BAD_HANDLE, or BAD_OPERATION unless collocated with an active-replica policy. */
    public CkptError setActiveReplica(CheckpointId id, int nodeId) {
        return mutate(id, checkpoint -> checkpoint.setActiveReplica(nodeId), CkptError.BAD_HANDLE);
    }

    /**
     * Synchronize: every replica is written in the same ordered step here, so there is nothing
     * to wait for; BAD_HANDLE, BAD_OPERATION without an active-replica policy, NOT_EXIST while no
     * active replica is set.
     */
    public CkptError synchronize(CheckpointId id) {
        Checkpoint checkpoint = checkpoints.get(id);
        return checkpoint == null ? CkptError.BAD_HANDLE : checkpoint.synchronize();
    }

    /** Status get: sections and bytes used; BAD_HANDLE when the checkpoint is gone. */
    public CkptResult<CheckpointStatus> status(CheckpointId id) {
        Checkpoint checkpoint = checkpoints.get(id);
        return checkpoint == null ? CkptResult.fail(CkptError.BAD_HANDLE) : CkptResult.ok(checkpoint.status());
    }

    /** The sections an iteration with {@code selection} and {@code timeNs} visits, in id order; BAD_HANDLE. */
    public CkptResult<List<SectionDescriptor>> select(CheckpointId id, SectionSelection selection, long timeNs) {
        Checkpoint checkpoint = checkpoints.get(id);
        return checkpoint == null ? CkptResult.fail(CkptError.BAD_HANDLE)
                : CkptResult.ok(checkpoint.select(selection, timeNs));
    }

    /** The current descriptor of one section, or empty when it (or its checkpoint) is gone. */
    public Optional<SectionDescriptor> descriptor(CheckpointId id, SectionId sectionId) {
        Checkpoint checkpoint = checkpoints.get(id);
        return checkpoint == null ? Optional.empty() : Optional.ofNullable(checkpoint.descriptor(sectionId));
    }

    /**
     * The ordered clock: the cluster's time is now {@code timeNs} (never going back). Deletes
     * every section that expired by then, starts retention for checkpoints found unopened and
     * removes those whose retention ended.
     */
    public TickOutcome tick(long timeNs) {
        clusterTimeNs = Math.max(clusterTimeNs, timeNs);
        int sections = 0;
        List<Checkpoint> retired = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints.values()) {
            long before = checkpoint.footprint();
            sections += checkpoint.expireSections(clusterTimeNs);
            footprint += checkpoint.footprint() - before;
            if (checkpoint.retentionExpiredAt(clusterTimeNs)) {
                retired.add(checkpoint);
            }
        }
        retired.forEach(this::remove);
        return new TickOutcome(sections, retired.stream().map(Checkpoint::name).toList());
    }

    /** True when a tick could change something: a section that expires, or a checkpoint counting retention. */
    public boolean hasTimedWork() {
        return checkpoints.values().stream().anyMatch(c -> c.hasExpiringSection() || c.retentionApplies());
    }

    /** The latest tick's time (0 before the first). */
    public long clusterTimeNs() {
        return clusterTimeNs;
    }

    /** Bytes of section data and ids in the store. */
    public long footprint() {
        return footprint;
    }

    /** The live checkpoint named {@code name}. */
    public Optional<CheckpointId> idOf(String name) {
        return Optional.ofNullable(names.get(name));
    }

    /** Every checkpoint (unlinked ones too), in id order. */
    public List<CheckpointView> list() {
        return checkpoints.values().stream().map(Checkpoint::view).toList();
    }

    /** One checkpoint's view. */
    public Optional<CheckpointView> view(CheckpointId id) {
        return Optional.ofNullable(checkpoints.get(id)).map(Checkpoint::view);
    }

    /** The sections of a checkpoint with a digest each, or empty when it is gone. */
    public Optional<List<SectionDump>> dump(CheckpointId id) {
        return Optional.ofNullable(checkpoints.get(id)).map(Checkpoint::dump);
    }

    // ----- sync -----

    /** Every checkpoint as a value, in id order (what a sync sender sends). */
    public List<CheckpointImage> images() {
        return checkpoints.values().stream().map(Checkpoint::image).toList();
    }

    /**
     * Adds a checkpoint rebuilt from {@code image} (a sync round's merged state): NO_SPACE when
     * it would pass the limits, EXIST when its id or live name is taken.
     */
    public CkptError adopt(CheckpointImage image) {
        Checkpoint checkpoint = Checkpoint.of(image);
        if (checkpoints.containsKey(image.id()) || (!image.unlinked() && names.containsKey(image.name()))) {
            return CkptError.EXIST;
        }
        if (checkpoints.size() >= limits.maxCheckpoints() || checkpoint.footprint() > room()) {
            return CkptError.NO_SPACE;
        }
        checkpoints.put(image.id(), checkpoint);
        footprint += checkpoint.footprint();
        if (!image.unlinked()) {
            names.put(image.name(), image.id());
        }
        freeIfUnlinkedAndClosed(checkpoint);
        return CkptError.OK;
    }

    /** Sets the cluster's time after a sync round (the largest any partition had seen). */
    public void clusterTimeNs(long timeNs) {
        clusterTimeNs = Math.max(clusterTimeNs, timeNs);
    }

    private <R> R mutate(CheckpointId id, Function<Checkpoint, R> call, R gone) {
        Checkpoint checkpoint = checkpoints.get(id);
        if (checkpoint == null) {
            return gone;
        }
        long before = checkpoint.footprint();
        R result = call.apply(checkpoint);
        footprint += checkpoint.footprint() - before;
        return result;
    }

    private long room() {
        return limits.maxTotalBytes() - footprint;
    }

    private void freeIfUnlinkedAndClosed(Checkpoint checkpoint) {
        if (checkpoint.unlinked() && !checkpoint.open()) {
            remove(checkpoint);
        }
    }

    private void remove(Checkpoint checkpoint) {
        checkpoints.remove(checkpoint.id());
        names.remove(checkpoint.name(), checkpoint.id());
        footprint -= checkpoint.footprint();
    }

    /** Forgets the handles of nodes outside {@code members}; frees unlinked checkpoints nobody has open any more. */
    public void retainOpeners(Set<Integer> members) {
        List<Checkpoint> all = List.copyOf(checkpoints.values());
        for (Checkpoint checkpoint : all) {
            checkpoint.retainOpeners(members);
            freeIfUnlinkedAndClosed(checkpoint);
        }
    }
}
