package io.ringsync.protocol.transport.fault;

import io.ringsync.protocol.PureCore;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The decisions of a node's fault filter (test clusters only, {@code transport.fault_injection}),
 * apart from the transport that carries them out: which frames a {@link FaultPlan} lets through,
 * drops, duplicates or holds back. Generic in what a frame is, so tests feed it plain values.
 *
 * <p>Outbound, a frame to a peer in {@link FaultPlan#cutTo()} is dropped before it is sent
 * ({@link #passesOutbound}); any sending thread may ask. Inbound, on the one receiving thread
 * ({@link #inbound}, {@link #releaseDue}): a frame from a peer in {@link FaultPlan#cutFrom()} is
 * dropped; every other frame gets one uniform draw {@code u} from a {@link SplittableRandom}
 * seeded with the plan's seed (the draws restart from the seed whenever the plan changes):
 * {@code u < drop} loses it, {@code u < drop + duplicate} delivers it twice,
 * {@code u < drop + duplicate + reorder} holds it back until the next frame delivered has
 * overtaken it, and the rest go through. At most one frame is held at a time; a frame held for
 * {@link #MAX_HOLD_NS} without being overtaken is delivered in order (counted as delayed). The
 * random faults act on inbound frames after they were opened and decoded, so a duplicate
 * reaches Totem rather than being refused by the crypto's replay window as a resent datagram
 * would be.
 *
 * <p>Time enters as {@code nowNs}; the filter reads no clock. Changes ({@link #change}) may come
 * from any thread and take effect on the next frame.
 *
 * @param <F> what a frame is to the caller
 */
@PureCore
public final class FaultFilter<F> {

    /** The longest a frame held back for reordering waits to be overtaken: 5 ms. */
    public static final long MAX_HOLD_NS = 5_000_000;

    private volatile FaultPlan plan = FaultPlan.NONE;
    private final AtomicLong cutOutbound = new AtomicLong();
    private final AtomicLong cutInbound = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    // Owned by the receiving thread.
    private FaultPlan drawingFor;
    private SplittableRandom random;
    private F held;
    private long heldSinceNs;

    /** Applies {@code change} to the plan in force and returns the new plan; any thread. */
    public synchronized FaultPlan change(FaultChange change) {
        plan = change.applyTo(plan);
        return plan;
    }

    /** The plan in force. */
    public FaultPlan plan() {
        return plan;
    }

    /** False (counted) when frames to {@code peer} are cut; any thread. */
    public boolean passesOutbound(int peer) {
        if (plan.cutTo().contains(peer)) {
            cutOutbound.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Passes the inbound {@code frame} of {@code sender}, arrived at {@code nowNs}, to
     * {@code deliver} zero, one or two times, followed by the held frame it overtook, if any.
     */
    public void inbound(int sender, F frame, long nowNs, Consumer<F> deliver) {
        FaultPlan current = plan;
        if (current.cutFrom().contains(sender)) {
            cutInbound.incrementAndGet();
            return;
        }
        if (!current.disturbs()) {
            pass(frame, deliver);
            return;
        }
        double u = draw(current);
        if (u < current.dropShare()) {
            lost.incrementAndGet();
        } else if (u < current.dropShare() + current.duplicateShare()) {
            duplicated.incrementAndGet();
            deliver.accept(frame);
            pass(frame, deliver);
        } else if (u < current.dropShare() + current.duplicateShare() + current.reorderShare() && held == null) {
            held = frame;
            heldSinceNs = nowNs;
        } else {
            pass(frame, deliver);
        }
    }

    /**
     * Delivers the held frame if it waited {@link #MAX_HOLD_NS} or the plan no longer reorders;
     * returns how many frames it delivered (0 or 1). Called by the receiving thread between frames.
     */
    public int releaseDue(long nowNs, Consumer<F> deliver) {
        if (held == null || (nowNs - heldSinceNs < MAX_HOLD_NS && plan.reorderShare() > 0)) {
            return 0;
        }
        F late = held;
        held = null;
        delayed.incrementAndGet();
        deliver.accept(late);
        return 1;
    }

    /** The plan and the counters now. */
    public FaultStatus status() {
        return new FaultStatus(plan, cutOutbound.get(), cutInbound.get(), lost.get(), duplicated.get(),
                reordered.get(), delayed.get());
    }

    /** Delivers {@code frame}, then the held frame it overtook. */
    private void pass(F frame, Consumer<F> deliver) {
        deliver.accept(frame);
        if (held != null) {
            F overtaken = held;
            held = null;
            reordered.incrementAndGet();
            deliver.accept(overtaken);
        }
    }

    private double draw(FaultPlan current) {
        if (current != drawingFor) {
            drawingFor = current;
            random = new SplittableRandom(current.seed());
        }
        return random.nextDouble();
    }
}
