package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointStore;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.StoreLimits;
import io.ringsync.ckpt.store.TickOutcome;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checkpoint service's replicated state machine ({@link ReplicatedService}): one node's
 * replica of the {@link CheckpointStore}, changed only by {@link CkptOp}s in the total order and
 * by the sync round, so every member of a ring holds the same replica.
 *
 * <p><b>Sync round</b> (openais CKPT's sync, see {@link SyncMerge} for the merge rules). After a
 * REGULAR configuration, the node whose partition came into the new ring with it (its
 * TRANSITIONAL members, or itself alone on a first configuration) sends its replica if it is the
 * lowest node id of that partition: one sender per merging partition. Every node, senders
 * included, builds the merged store from the senders' records and swaps it in at activation;
 * an aborted round leaves the replica as it was. Reads are refused (TRY_AGAIN) from the REGULAR
 * configuration until activation.
 *
 * <p><b>Time.</b> Expiration and retention move only with {@link CkptOp.Tick}, sent by the
 * lowest member of the ring ({@link #sendsTicks()}); every node applies a tick at the same point.
 */
@PureCore
public final class CkptReplica implements ReplicatedService {

    /** Told of every op this replica applies (the node's own answer their clients). */
    @FunctionalInterface
    public interface Listener {
        /** {@code op} from {@code senderNodeId} was applied with {@code applied}. */
        void applied(int senderNodeId, CkptOp op, Applied applied);
    }

    private final int nodeId;
    private final StoreLimits limits;
    private final Listener listener;
    private final CkptCounters counters = new CkptCounters();
    private CheckpointStore store;
    private RingId ringId;
    private List<Integer> members = List.of();
    private Set<Integer> partition;
    private SyncMerge merge;
    private boolean syncing;
    private boolean synced;

    /** An empty replica of node {@code nodeId}, telling {@code listener} of every applied op. */
    public CkptReplica(int nodeId, StoreLimits limits, Listener listener) {
        this.nodeId = nodeId;
        this.limits = limits;
        this.listener = listener;
        this.store = new CheckpointStore(limits);
    }

    /** The replica's store (read it; change it only through ops). */
    public CheckpointStore store() {
        return store;
    }

    /** True when reads may be served: a sync round has completed and none runs. */
    public boolean readable() {
        return synced && !syncing;
    }

    /** The current ring, or empty before the first configuration. */
    public Optional<RingId> ringId() {
        return Optional.ofNullable(ringId);
    }

    /** The current ring's members. */
    public List<Integer> members() {
        return members;
    }

    /** True when this node sends the ticks: the ring is synced and this is its lowest member. */
    public boolean sendsTicks() {
        return readable() && !members.isEmpty() && members.get(0) == nodeId;
    }

    /** The replica's counters. */
    public CkptCounters counters() {
        return counters;
    }

    @Override
    public ServiceId serviceId() {
        return ServiceId.CKPT;
    }

    @Override
    public void onConfiguration(ConfigurationKind kind, RingId ring, List<Integer> newMembers, List<Integer> left,
                                List<Integer> joined) {
        if (kind == ConfigurationKind.TRANSITIONAL) {
            partition = new TreeSet<>(newMembers);
            return;
        }
        ringId = ring;
        members = List.copyOf(newMembers);
        syncing = true;
    }

    @Override
    public List<byte[]> syncInit(RingId ring, List<Integer> newMembers) {
        Set<Integer> mine = new TreeSet<>(partition == null ? Set.of(nodeId) : partition);
        mine.add(nodeId);
        mine.retainAll(newMembers);
        partition = null;
        merge = new SyncMerge(Set.copyOf(newMembers), limits);
        if (mine.iterator().next() != nodeId) {
            return List.of();
        }
        counters.syncsSent++;
        List<byte[]> bodies = new ArrayList<>();
        for (SyncRecord record : SyncRecordCodec.records(store.clusterTimeNs(), store.images(), mine,
                SyncRecordCodec.PART_BYTES)) {
            bodies.add(SyncRecordCodec.encode(record));
        }
        return bodies;
    }

    @Override
    public void syncProcess(int senderNodeId, byte[] body) {
        Optional<SyncRecord> record = SyncRecordCodec.decode(body);
        if (merge == null || record.isEmpty()) {
            counters.malformed++;
            return;
        }
        merge.accept(senderNodeId, record.get());
    }

    @Override
    public void syncActivate(RingId ring) {
        SyncMerge.Result result = merge.build();
        store = result.store();
        counters.syncDropped += result.dropped() + merge.malformed();
        counters.syncSuperseded += result.superseded();
        counters.syncsCompleted++;
        merge = null;
        syncing = false;
        synced = true;
    }

    @Override
    public void syncAbort(RingId ring) {
        merge = null;
        syncing = false;
    }

    @Override
    public void onDeliver(int senderNodeId, RingId ring, boolean safe, byte[] body) {
        Optional<CkptOp> op = CkptOpCodec.decode(body);
        if (op.isEmpty()) {
            counters.malformed++;
            return;
        }
        counters.applied++;
        listener.applied(senderNodeId, op.get(), apply(senderNodeId, op.get()));
    }

    private Applied apply(int sender, CkptOp op) {
        if (op instanceof CkptOp.Open open) {
            var opened = store.open(open.name(), open.attributes(), open.flags(), sender, open.newId());
            return new Applied(opened.error(), -1, opened.value());
        } else if (op instanceof CkptOp.Close close) {
            return Applied.of(store.close(close.id(), sender));
        } else if (op instanceof CkptOp.Unlink unlink) {
            return Applied.of(store.unlink(unlink.name()));
        } else if (op instanceof CkptOp.CreateSection create) {
            return Applied.of(store.createSection(create.id(), create.sectionId(), create.expirationNs(), create.data()));
        } else if (op instanceof CkptOp.CreateGeneratedSection create) {
            var created = store.createGeneratedSection(create.id(), create.expirationNs(), create.data());
            return new Applied(created.error(), -1, null, created.ok() ? created.value() : null);
        } else if (op instanceof CkptOp.SetRetention set) {
            return Applied.of(store.setRetention(set.id(), set.retentionNs()));
        } else if (op instanceof CkptOp.DeleteSection delete) {
            return Applied.of(store.deleteSection(delete.id(), delete.sectionId()));
        } else if (op instanceof CkptOp.SetExpiration set) {
            return Applied.of(store.setExpiration(set.id(), set.sectionId(), set.expirationNs()));
        } else if (op instanceof CkptOp.Write write) {
            var outcome = store.write(write.id(), write.elements());
            return new Applied(outcome.error(), outcome.failedIndex(), null);
        } else if (op instanceof CkptOp.Overwrite overwrite) {
            return Applied.of(store.overwrite(overwrite.id(), overwrite.sectionId(), overwrite.data()));
        } else if (op instanceof CkptOp.SetActiveReplica set) {
            return Applied.of(store.setActiveReplica(set.id(), sender));
        }
        TickOutcome outcome = store.tick(((CkptOp.Tick) op).timeNs());
        counters.sectionsExpired += outcome.sectionsExpired();
        counters.checkpointsRetired += outcome.checkpointsRetired().size();
        return Applied.of(CkptError.OK);
    }
}
