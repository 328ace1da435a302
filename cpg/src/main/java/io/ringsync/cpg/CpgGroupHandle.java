package io.ringsync.cpg;

import io.ringsync.protocol.totem.Delivery;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One process's membership of one group, as {@link Cpg#join} returns it (Corosync's cpg handle
 * after cpg_join). Stages complete as {@link Cpg}'s do: exceptionally with a {@link CpgException}
 * unless the answer is OK.
 */
public final class CpgGroupHandle implements AutoCloseable {

    private final Cpg cpg;
    private final CpgHandle handle;
    private final CpgListener ownListener;

    /** {@code ownListener} is the listener made for this membership alone, null for a shared one. */
    CpgGroupHandle(Cpg cpg, CpgHandle handle, CpgListener ownListener) {
        this.cpg = cpg;
        this.handle = handle;
        this.ownListener = ownListener;
    }

    /** The group and pid. */
    public CpgHandle handle() {
        return handle;
    }

    /**
     * Multicasts {@code payload} to the group with {@code delivery}: completes once it is queued
     * in the total order; TRY_AGAIN when Totem's queue is full or a sync round runs (retry later).
     */
    public CompletionStage<Void> mcast(Delivery delivery, byte[] payload) {
        return cpg.request("mcast to " + handle, replyTo -> new CpgActor.Mcast(handle, delivery, payload, replyTo));
    }

    /** Leaves the group; the listener gets the confchg where it left, and nothing after. */
    public CompletionStage<Void> leave() {
        return cpg.request("leave of " + handle, replyTo -> new CpgActor.Leave(handle, replyTo));
    }

    /** The group's members. */
    public CompletionStage<List<CpgMember>> members() {
        return cpg.membership(handle.group());
    }

    /** The context last stored on this handle, empty until one is. */
    public CompletionStage<Optional<Object>> context() {
        return cpg.<CpgActor.Context>ask(replyTo -> new CpgActor.GetContext(handle, replyTo)).thenApply(reply -> {
            if (reply.result() != CpgResult.OK) {
                throw new CpgException("context of " + handle, reply.result());
            }
            return reply.context();
        });
    }

    /** Stores {@code context} on this handle. */
    public CompletionStage<Void> context(Object context) {
        return cpg.request("context of " + handle, replyTo -> new CpgActor.SetContext(handle, context, replyTo));
    }

    /**
     * Whether a multicast from this process would be held back now (Corosync's
     * cpg_flow_control_state_get; see {@link CpgFlowControl}); NOT_EXIST once it is no member.
     */
    public CompletionStage<CpgFlowControl> flowControlState() {
        return cpg.<CpgActor.FlowControlState>ask(replyTo -> new CpgActor.FlowControlStateGet(handle, replyTo))
                .thenApply(reply -> reply.state().orElseThrow(() ->
                        new CpgException("flow control state of " + handle, reply.result())));
    }

    /**
     * Ends this process's membership the way a client exit does: if it is still a member it
     * leaves with PROCDOWN, and its listener hears no more of it (a listener made for this join
     * alone stops; a shared {@link CpgListener} goes on for its other memberships). Call
     * {@link #leave()} first for a LEAVE.
     */
    @Override
    public void close() {
        if (ownListener != null) {
            ownListener.close();
        } else {
            cpg.tell(new CpgActor.ProcessExited(handle));
        }
    }
}
