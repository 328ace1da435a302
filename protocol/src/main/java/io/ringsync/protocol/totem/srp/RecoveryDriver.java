package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.OutgoingQueue;
import io.ringsync.protocol.totem.OrderingCore;
import io.ringsync.protocol.totem.OrderingEffect;
import io.ringsync.protocol.totem.OrderingSettings;
import io.ringsync.protocol.totem.Outgoing;
import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.recovery.EvsDelivery;
import io.ringsync.protocol.totem.recovery.EvsEvent;
import io.ringsync.protocol.totem.recovery.OldRingState;
import io.ringsync.protocol.totem.recovery.RecoveredMessage;
import io.ringsync.protocol.totem.recovery.RecoveryPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The RECOVERY state of one node (corosync.md section 1, "RECOVERY" and "Entering
 * OPERATIONAL"): from the old ring frozen at rotation 1 ({@link #noteOldRing}) and the
 * completed commit token it runs the new ring's ordering with the {@link RecoveryPlan}'s
 * messages, encapsulated, as the only messages this node originates; everything the new ring
 * delivers meanwhile is held back; {@link RecoveryProgress} says when to install. Then
 * {@link #finish} unwraps the recovered messages into the old ring and gives the
 * {@link EvsDelivery} sequence, the new ring's core and the held new-ring deliveries.
 *
 * <p>If recovery is abandoned (back to GATHER), the new ring and what it recovered are
 * dropped; the old ring stays as it was, as Corosync restores its old aru and high seq.
 */
@PureCore
final class RecoveryDriver {

    /** One token visit: what the new ring's core did, and whether this node may now install. */
    record Visit(List<OrderingEffect> effects, boolean installable) {
    }

    /** The outcome of recovery, in delivery order. */
    record Finish(List<TotemEffect> evsEvents, OrderingCore newRingCore, List<OrderedMessage> heldNewRingDeliveries) {
    }

    private final int myNodeId;
    private OrderingSettings ordering;
    private final OutgoingQueue queue;
    private final List<OrderedMessage> held = new ArrayList<>();
    private OldRingState oldRing;
    private OrderingCore ringCore;
    private CommitToken token;
    private RecoveryProgress progress;

    RecoveryDriver(int myNodeId, OrderingSettings ordering) {
        this.myNodeId = myNodeId;
        this.ordering = ordering;
        this.queue = new OutgoingQueue();
    }

    /** The next ring recovered into is ordered with {@code next} (a reload's constants). */
    void changeOrdering(OrderingSettings next) {
        this.ordering = next;
    }

    /** Rotation 1 is about to read the old ring's progress: freeze what it holds now. */
    void noteOldRing(OrderingCore installed) {
        oldRing = installed.oldRingState();
    }

    /** Rotation 2 reached me: start recovering into {@code newRing}. */
    void begin(RingConfiguration newRing, CommitToken completed) {
        token = completed;
        RecoveryPlan plan = RecoveryPlan.compute(oldRing, completed);
        queue.replaceWith(plan.toReoriginate().stream().map(r -> Outgoing.recovered(r.original())).toList());
        ringCore = new OrderingCore(myNodeId, newRing, ordering);
        held.clear();
        progress = new RecoveryProgress();
    }

    /** Whether {@code ringId} is the ring being recovered into. */
    boolean isRingOf(RingId ringId) {
        return ringCore != null && ringCore.ring().ringId().equals(ringId);
    }

    /** The new ring's ordering core. */
    OrderingCore ringCore() {
        return ringCore;
    }

    /**
     * A visit of the new ring's token; null for a duplicate, which must change nothing here (a
     * duplicate that cleared my flag bookkeeping would leave the flag I set on the real token
     * set forever, and recovery would never end).
     */
    Visit onToken(RegularToken received, long nowNs) {
        if (!ringCore.isNewToken(received)) {
            return null;
        }
        boolean flag = progress.flagToForward(received.retransmitFlag(), !queue.isEmpty());
        List<OrderingEffect> effects = ringCore.onToken(received.withRetransmitFlag(flag), queue, nowNs);
        if (effects.isEmpty()) {
            return null;
        }
        boolean installable = false;
        for (OrderingEffect effect : effects) {
            if (effect instanceof OrderingEffect.ForwardToken forward) {
                installable = progress.onVisit(flag, forward.token().seq(), ringCore.stableAru());
            }
        }
        return new Visit(effects, installable);
    }

    /** A multicast of the new ring: stored, and what it makes deliverable held back. */
    void onMulticast(OrderedMessage message, long nowNs) {
        for (OrderingEffect effect : ringCore.onMulticast(message, nowNs)) {
            holdDelivery(((OrderingEffect.Deliver) effect).message());
        }
    }

    /** Holds a new-ring delivery until the configurations are delivered. */
    void holdDelivery(OrderedMessage message) {
        held.add(message);
    }

    /** Install: the EVS sequence of the old ring, the new ring's core, and the held new-ring deliveries. */
    Finish finish() {
        List<RecoveredMessage> recovered = held.stream().filter(OrderedMessage::isEncapsulated)
                .map(m -> new RecoveredMessage(m.unwrap())).toList();
        List<TotemEffect> events = new ArrayList<>();
        for (EvsEvent event : EvsDelivery.sequence(oldRing.withRecovered(recovered), token)) {
            events.add(toEffect(event));
        }
        Finish finish = new Finish(events, ringCore,
                held.stream().filter(m -> !m.isEncapsulated()).toList());
        abandon();
        return finish;
    }

    /** Back to GATHER: drop the new ring and what it recovered. */
    void abandon() {
        ringCore = null;
        token = null;
        progress = null;
        queue.clear();
        held.clear();
    }

    /** The install seq of the current recovery, or -1. */
    long installSeq() {
        return progress == null ? -1 : progress.installSeq();
    }

    /** Diagnostics: the new ring, its window, install seq and what is left to re-originate. */
    String describe() {
        return ringCore == null ? "nothing" : ringCore.ring() + " " + ringCore.windowDescription() + " install="
                + installSeq() + " toSend=" + queue.backlog() + " held=" + held.size();
    }

    void checkInvariants() {
        if (ringCore != null) {
            ringCore.checkInvariants();
        }
    }

    private static TotemEffect toEffect(EvsEvent event) {
        if (event instanceof EvsEvent.Deliver d) {
            return new TotemEffect.Deliver(d.message());
        }
        if (event instanceof EvsEvent.TransitionalConfiguration t) {
            return new TotemEffect.ConfigurationChange(ConfigurationKind.TRANSITIONAL, t.newRingId(), t.members(),
                    t.left(), List.of());
        }
        EvsEvent.RegularConfiguration r = (EvsEvent.RegularConfiguration) event;
        return new TotemEffect.ConfigurationChange(ConfigurationKind.REGULAR, r.newRingId(), r.members(), List.of(),
                r.joined());
    }
}
