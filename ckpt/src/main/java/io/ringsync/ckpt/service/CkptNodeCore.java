package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CheckpointStore;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.StoreLimits;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One node's checkpoint service, pure: its {@link CkptReplica} plus the node-local side (client
 * handles and iterators, requests waiting for their op to come back in the total order, and the
 * ticks of the ordered clock). The actor feeds it calls, Totem events (through
 * {@link #service()}), refusals and the time, and multicasts what it returns.
 *
 * <p><b>Answers.</b> A mutation is checked locally first (handle, access, size), then sent;
 * its client is answered when this node applies it, so a call that returned has taken effect on
 * this node's replica (and, by the total order, will on every other). A request that does not
 * come back by its deadline is answered TIMEOUT (it may still take effect); an open applied
 * after its client timed out is closed again, so it holds no reference for ever. Reads are served
 * from the replica, and refused with TRY_AGAIN while a sync round runs.
 */
@PureCore
public final class CkptNodeCore implements CkptReplica.Listener {

    /** An op body (not yet wrapped in a service envelope) to multicast; {@code requestId} 0 answers nobody. */
    public record Outgoing(long requestId, byte[] body) {
    }

    private record Pending(Consumer<Applied> answer, long deadlineNs, long closedHandle,
                           HandleTable.OpenHandle closed) {
    }

    private final int nodeId;
    private final int maxOpBytes;
    private final long requestTimeoutNs;
    private final CkptReplica replica;
    private final HandleTable handles = new HandleTable();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<Outgoing> outgoing = new ArrayList<>();
    private long nextRequestId;
    private RingId tickRing;

    /**
     * The service of node {@code nodeId}: ops above {@code maxOpBytes} are TOO_BIG, requests are
     * answered TIMEOUT after {@code requestTimeoutNs}; request ids start after
     * {@code firstRequestId} (give each incarnation of the node a larger one, e.g. from the
     * clock, so that a late op of an earlier incarnation never answers a new request).
     */
    public CkptNodeCore(int nodeId, StoreLimits limits, int maxOpBytes, long requestTimeoutNs, long firstRequestId) {
        this.nodeId = nodeId;
        this.maxOpBytes = maxOpBytes;
        this.requestTimeoutNs = requestTimeoutNs;
        this.nextRequestId = firstRequestId;
        this.replica = new CkptReplica(nodeId, limits, this);
    }

    /** The replicated service to drive with a ServiceChannel. */
    public ReplicatedService service() {
        return replica;
    }

    /** The replica (read-only use). */
    public CkptReplica replica() {
        return replica;
    }

    /** Requests waiting for their op. */
    public int pendingRequests() {
        return pending.size();
    }

    /** Open handles of this node's clients. */
    public int openHandles() {
        return handles.openHandles();
    }

    /**
     * A client's call at monotonic time {@code nowNs}: answered through {@code reply} at once
     * (local calls, and mutations refused before sending), or an op to multicast whose answer
     * comes when it is applied.
     */
    public <R> Optional<Outgoing> submit(CkptCall<R> call, Consumer<R> reply, long nowNs) {
        if (call instanceof CkptCall.Mutation<R> mutation) {
            return mutate(mutation, reply, nowNs);
        }
        reply.accept(LocalCalls.serve(call, replica, handles));
        return Optional.empty();
    }

    /** Totem refused the multicast of request {@code requestId} ({@code error}: TRY_AGAIN or TOO_BIG). */
    public void refused(long requestId, CkptError error) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            if (request.closed() != null) {
                handles.restore(request.closedHandle(), request.closed());
            }
            request.answer().accept(Applied.of(error));
        }
    }

    /**
     * Housekeeping at monotonic {@code nowNs} and wall-clock {@code epochNs}: answers TIMEOUT to
     * requests past their deadline, and returns a tick to send when this node keeps the ordered
     * clock (lowest member of a synced ring, something to expire, no tick of this ring in flight).
     */
    public Optional<Outgoing> housekeeping(long nowNs, long epochNs) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            if (nowNs - request.deadlineNs() >= 0) {
                it.remove();
                request.answer().accept(Applied.of(CkptError.TIMEOUT));
            }
        }
        RingId ring = replica.ringId().orElse(null);
        if (!replica.sendsTicks() || !replica.store().hasTimedWork() || ring.equals(tickRing)) {
            return Optional.empty();
        }
        tickRing = ring;
        return Optional.of(new Outgoing(0, CkptOpCodec.encode(new CkptOp.Tick(epochNs))));
    }

    /** Ops the core decided to send itself (closes of orphaned opens); drained. */
    public List<Outgoing> drainOutgoing() {
        List<Outgoing> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public void applied(int senderNodeId, CkptOp op, Applied applied) {
        if (senderNodeId != nodeId) {
            return;
        }
        if (op instanceof CkptOp.Tick) {
            tickRing = null;
            return;
        }
        Pending request = pending.remove(op.requestId());
        if (request != null) {
            request.answer().accept(applied);
        } else if (op instanceof CkptOp.Open && applied.error().ok()) {
            replica.counters().orphanOpensClosed++;
            outgoing.add(new Outgoing(0, CkptOpCodec.encode(new CkptOp.Close(0, applied.opened()))));
        }
    }

    private <R> Optional<Outgoing> mutate(CkptCall.Mutation<R> call, Consumer<R> reply, long nowNs) {
        Optional<RingId> ring = replica.ringId();
        if (ring.isEmpty()) {
            reply.accept(call.failure(CkptError.TRY_AGAIN));
            return Optional.empty();
        }
        long requestId = ++nextRequestId;
        CkptResult<CkptOp> op = toOp(call, requestId, ring.get());
        if (!op.ok()) {
            reply.accept(call.failure(op.error()));
            return Optional.empty();
        }
        byte[] body = CkptOpCodec.encode(op.value());
        if (body.length > maxOpBytes) {
            reply.accept(call.failure(CkptError.TOO_BIG));
            return Optional.empty();
        }
        Consumer<Applied> answer = applied -> reply.accept(call.result(applied, newHandle(call, applied)));
        long closedHandle = call instanceof CkptCall.Close close ? close.handle() : 0;
        HandleTable.OpenHandle closed = closedHandle == 0 ? null : handles.close(closedHandle).orElseThrow();
        pending.put(requestId, new Pending(answer, nowNs + requestTimeoutNs, closedHandle, closed));
        return Optional.of(new Outgoing(requestId, body));
    }

    /** The handle a successful open gives its client (0 for anything else). */
    private long newHandle(CkptCall.Mutation<?> call, Applied applied) {
        if (call instanceof CkptCall.Open open && applied.error().ok()) {
            return handles.open(new HandleTable.OpenHandle(applied.opened(), open.name(), open.flags()));
        }
        return 0;
    }

    /** The op of a mutation, after the local checks (the open's own, the handle's, write access). */
    private CkptResult<CkptOp> toOp(CkptCall.Mutation<?> call, long requestId, RingId ring) {
        if (call instanceof CkptCall.Open open) {
            CkptError valid = CheckpointStore.validateOpen(open.name(), open.attributes(), open.flags());
            return valid.ok() ? CkptResult.ok(new CkptOp.Open(requestId, open.name(), open.attributes(), open.flags(),
                    new CheckpointId(nodeId, ring.ringSeq(), requestId))) : CkptResult.fail(valid);
        }
        if (call instanceof CkptCall.Unlink unlink) {
            return CkptResult.ok(new CkptOp.Unlink(requestId, unlink.name()));
        }
        if (call instanceof CkptCall.Close close) {
            return handles.get(close.handle()).<CkptResult<CkptOp>>map(h -> CkptResult.ok(new CkptOp.Close(requestId, h.id())))
                    .orElse(CkptResult.fail(CkptError.BAD_HANDLE));
        }
        long handle = handleOf(call);
        Optional<HandleTable.OpenHandle> open = handles.get(handle);
        if (open.isEmpty()) {
            return CkptResult.fail(CkptError.BAD_HANDLE);
        }
        if (!open.get().flags().write()) {
            return CkptResult.fail(CkptError.ACCESS);
        }
        return CkptResult.ok(writeOp(call, requestId, open.get().id()));
    }

    private static long handleOf(CkptCall.Mutation<?> call) {
        if (call instanceof CkptCall.CreateSection c) {
            return c.handle();
        } else if (call instanceof CkptCall.CreateGeneratedSection c) {
            return c.handle();
        } else if (call instanceof CkptCall.DeleteSection c) {
            return c.handle();
        } else if (call instanceof CkptCall.SetExpiration c) {
            return c.handle();
        } else if (call instanceof CkptCall.Write c) {
            return c.handle();
        } else if (call instanceof CkptCall.Overwrite c) {
            return c.handle();
        } else if (call instanceof CkptCall.SetRetention c) {
            return c.handle();
        }
        return ((CkptCall.SetActiveReplica) call).handle();
    }

    private static CkptOp writeOp(CkptCall.Mutation<?> call, long requestId, CheckpointId id) {
        if (call instanceof CkptCall.CreateSection c) {
            return new CkptOp.CreateSection(requestId, id, c.sectionId(), c.expirationNs(), c.data());
        } else if (call instanceof CkptCall.CreateGeneratedSection c) {
            return new CkptOp.CreateGeneratedSection(requestId, id, c.expirationNs(), c.data());
        } else if (call instanceof CkptCall.DeleteSection c) {
            return new CkptOp.DeleteSection(requestId, id, c.sectionId());
        } else if (call instanceof CkptCall.SetExpiration c) {
            return new CkptOp.SetExpiration(requestId, id, c.sectionId(), c.expirationNs());
        } else if (call instanceof CkptCall.Write c) {
            return new CkptOp.Write(requestId, id, c.elements());
        } else if (call instanceof CkptCall.Overwrite c) {
            return new CkptOp.Overwrite(requestId, id, c.sectionId(), c.data());
        } else if (call instanceof CkptCall.SetRetention c) {
            return new CkptOp.SetRetention(requestId, id, c.retentionNs());
        }
        return new CkptOp.SetActiveReplica(requestId, id);
    }
}
