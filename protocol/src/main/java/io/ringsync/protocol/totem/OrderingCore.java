package io.ringsync.protocol.totem;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.recovery.OldRingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Totem SRP's OPERATIONAL-state ordering for one node on a fixed ring (Totem TOCS 1995;
 * corosync.md section 1, token receipt steps 3 to 9). On each token visit, in this order:
 * <ol>
 * <li>drop a foreign-ring token, or a duplicate one (tokenSeq not above the last seen);</li>
 * <li>free (rule in {@link ReceiveWindow}) using the aru of this and of the previous visit;</li>
 * <li>flow control: {@link FlowControl#allowed};</li>
 * <li>retransmit the rtr entries held here, each using one allowed slot, removing them; then
 *     append each seq in (myAru, token.seq] missing for at least miss_count_const visits, up
 *     to {@value RegularToken#MAX_RTR_ENTRIES} entries (Corosync's {@code orf_token_rtr});</li>
 * <li>originate nothing if released + window slots &lt; token.seq + allowed (the receive window
 *     could overflow); else up to the allowed remainder of queued messages, each stamped
 *     {@code ++token.seq} and stored in this node's own window;</li>
 * <li>fcc and backlog update; aru rule: if myAru &lt; aru, or aruNodeId is me, or 0, then
 *     aru = myAru and aruNodeId = me (0 if aru == seq);</li>
 * <li>FAILED TO RECEIVE: the aru unchanged since my previous visit, held by somebody, for more
 *     than fail_recv_const visits and now held by me: report it and do not forward (Corosync
 *     goes to GATHER);</li>
 * <li>tokenSeq + 1, forward to the successor (next node id, wrapping); then deliver.</li>
 * </ol>
 *
 * <p>Deviations from Corosync: a foreign or duplicate token is dropped before freeing and its
 * aru is not remembered (Corosync frees and records it first); seqs are 64-bit and never wrap.
 * Membership, timers, token hold and recovery are {@link io.ringsync.protocol.totem.srp.SrpCore}'s:
 * this core orders one ring. What it originates comes from an {@link OriginateSource} (its own
 * queue by default). {@code nowNs} is unused today.
 */
@PureCore
public final class OrderingCore {

    /** The token being rebuilt during one visit. */
    private static final class Draft {
        long seq;
        long aru;
        int aruNodeId;
        final List<Long> rtr;

        Draft(RegularToken token) {
            seq = token.seq();
            aru = token.aru();
            aruNodeId = token.aruNodeId();
            rtr = new ArrayList<>(token.rtrList());
        }
    }

    private final int myNodeId;
    private final RingConfiguration ring;
    private final OrderingSettings settings;
    private final ReceiveWindow window;
    private final FlowControl flow;
    private final OutgoingQueue queue = new OutgoingQueue();
    private long lastTokenSeq = -1;
    private long previousAru;
    private long forwardedBacklog;
    private int aruStuckVisits;
    private long tokensReceived;
    private long tokensDuplicate;
    private long tokensForeign;
    private long mcastTx;
    private long mcastRetx;
    private long mcastRx;
    private long mcastForeign;
    private long originateRefused;
    private long delivered;
    private long failedToReceive;

    /** The core of member {@code myNodeId} of {@code ring}, with an empty window and queue. */
    public OrderingCore(int myNodeId, RingConfiguration ring, OrderingSettings settings) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!ring.contains(myNodeId)) {
            throw new IllegalArgumentException(myNodeId + " is not a member of " + ring);
        }
        this.myNodeId = myNodeId;
        this.window = new ReceiveWindow(settings.receiveWindowSlots());
        this.flow = new FlowControl(settings.maxMessages(), settings.windowSize());
    }

    /** Queues {@code payload} (copied) to originate; false when the queue is full (TRY_AGAIN). */
    public boolean enqueue(Delivery delivery, byte[] payload) {
        if (queue.backlog() >= settings.originateQueueCapacity()) {
            originateRefused++;
            return false;
        }
        queue.add(Outgoing.of(Objects.requireNonNull(delivery, "delivery"), payload.clone()));
        return true;
    }

    /** One token visit originating from this core's own queue ({@link #enqueue}). */
    public List<OrderingEffect> onToken(RegularToken token, long nowNs) {
        return onToken(token, queue, nowNs);
    }

    /**
     * One token visit (steps in the class comment) originating from {@code source}; nothing
     * for a foreign or duplicate token.
     */
    public List<OrderingEffect> onToken(RegularToken token, OriginateSource source, long nowNs) {
        if (!token.ringId().equals(ring.ringId())) {
            tokensForeign++;
            return List.of();
        }
        if (token.tokenSeq() <= lastTokenSeq) {
            tokensDuplicate++;
            return List.of();
        }
        tokensReceived++;
        lastTokenSeq = token.tokenSeq();
        long aruPreviousVisit = previousAru;
        previousAru = token.aru();
        window.onTokenAru(token.aru(), aruPreviousVisit);

        List<OrderingEffect> effects = new ArrayList<>();
        Draft draft = new Draft(token);
        int allowed = flow.allowed(token, source.backlog());
        int retransmitted = retransmit(draft, allowed, effects);
        requestMissing(draft);
        int originated = originate(draft, allowed - retransmitted, source, effects);
        long fcc = flow.newFcc(token, retransmitted + originated);
        long backlog = flow.newBacklog(token);
        updateAru(draft);
        if (failedToReceive(draft, aruPreviousVisit)) {
            failedToReceive++;
            effects.add(new OrderingEffect.FailedToReceive(draft.aru, aruStuckVisits));
            return effects;
        }
        RegularToken next = new RegularToken(ring.ringId(), draft.seq, token.tokenSeq() + 1, draft.aru,
                draft.aruNodeId, backlog, fcc, token.retransmitFlag(), draft.rtr);
        effects.add(new OrderingEffect.ForwardToken(ring.successorOf(myNodeId), next));
        forwardedBacklog = backlog;
        addDeliveries(effects);
        return effects;
    }

    /** Whether {@link #onToken} would process {@code token}: of this ring and not a duplicate (tokenSeq above the last seen). */
    public boolean isNewToken(RegularToken token) {
        return token.ringId().equals(ring.ringId()) && token.tokenSeq() > lastTokenSeq;
    }

    /** Stores a received multicast of this ring and returns what became deliverable (agreed order). */
    public List<OrderingEffect> onMulticast(OrderedMessage message, long nowNs) {
        if (!message.ringId().equals(ring.ringId())) {
            mcastForeign++;
            return List.of();
        }
        if (window.insert(message) != ReceiveWindow.InsertResult.STORED) {
            return List.of();
        }
        mcastRx++;
        List<OrderingEffect> effects = new ArrayList<>();
        addDeliveries(effects);
        return effects;
    }

    /** Serves the rtr entries held here while slots remain; returns how many were retransmitted. */
    private int retransmit(Draft draft, int allowed, List<OrderingEffect> effects) {
        int sent = 0;
        for (int i = 0; sent < allowed && i < draft.rtr.size(); ) {
            OrderedMessage held = window.get(draft.rtr.get(i));
            if (held == null) {
                i++;
                continue;
            }
            draft.rtr.remove(i);
            effects.add(new OrderingEffect.Retransmit(held));
            sent++;
        }
        mcastRetx += sent;
        return sent;
    }

    /** Appends seqs in (myAru, token.seq] missing for miss_count_const visits, within the window. */
    private void requestMissing(Draft draft) {
        long upTo = Math.min(draft.seq, window.limit());
        for (long seq = window.myAru() + 1; seq <= upTo && draft.rtr.size() < RegularToken.MAX_RTR_ENTRIES; seq++) {
            if (window.get(seq) != null || window.countMiss(seq) < settings.missCountConst()) {
                continue;
            }
            if (!draft.rtr.contains(seq)) {
                draft.rtr.add(seq);
            }
        }
    }

    /** Stamps and multicasts up to {@code allowed} messages of {@code source} unless the window could overflow. */
    private int originate(Draft draft, int allowed, OriginateSource source, List<OrderingEffect> effects) {
        if (window.limit() < draft.seq + allowed) {
            return 0;
        }
        int sent = 0;
        for (Outgoing next; sent < allowed && (next = source.poll()) != null; sent++) {
            OrderedMessage message = new OrderedMessage(ring.ringId(), ++draft.seq, myNodeId,
                    next.delivery(), next.payload(), next.origin());
            if (window.insert(message) != ReceiveWindow.InsertResult.STORED) {
                throw new IllegalStateException("own message " + message.seq() + " not stored in " + window);
            }
            effects.add(new OrderingEffect.Multicast(message));
        }
        mcastTx += sent;
        return sent;
    }

    /** Totem's aru rule (step 7). */
    private void updateAru(Draft draft) {
        if (window.myAru() < draft.aru || draft.aruNodeId == myNodeId || draft.aruNodeId == 0) {
            draft.aru = window.myAru();
            draft.aruNodeId = draft.aru == draft.seq ? 0 : myNodeId;
        }
    }

    /** Counts visits with the aru unchanged and held; true once past fail_recv_const with me holding it. */
    private boolean failedToReceive(Draft draft, long aruPreviousVisit) {
        aruStuckVisits = draft.aru == aruPreviousVisit && draft.aruNodeId != 0 ? aruStuckVisits + 1 : 0;
        return aruStuckVisits > settings.failRecvConst() && draft.aruNodeId == myNodeId;
    }

    private void addDeliveries(List<OrderingEffect> effects) {
        for (OrderedMessage message : window.deliver()) {
            effects.add(new OrderingEffect.Deliver(message));
            delivered++;
        }
    }

    /** Whether seq {@code seq} of this ring was received or originated here (held or released). */
    public boolean hasReceived(long seq) {
        return window.received(seq);
    }

    /** This node's aru: every seq at or below it is held or released. */
    public long myAru() {
        return window.myAru();
    }

    /** The highest seq delivered here. */
    public long highDelivered() {
        return window.highDelivered();
    }

    /** The highest seq received (or originated) here. */
    public long highestSeen() {
        return window.highestSeen();
    }

    /** The safe-stability bound: every member is known to hold every seq at or below it (aru seen twice). */
    public long stableAru() {
        return window.stableAru();
    }

    /** What this node holds of this ring, for the commit token and recovery. */
    public OldRingState oldRingState() {
        return OldRingState.of(myNodeId, ring, window);
    }

    /**
     * Whether the ring is saturated: the last token this node forwarded had a backlog of at
     * least max_messages, so at least one full visit was waiting to be sent. The backlog counts
     * what each node had queued before its visit (Corosync's rule, see {@link FlowControl}), so
     * a ring that carries one message at a time has a backlog of 1 now and then, not saturation.
     */
    public boolean saturated() {
        return forwardedBacklog >= settings.maxMessages();
    }

    /** Messages waiting to be originated. */
    public int queued() {
        return queue.backlog();
    }

    /** This node's id. */
    public int nodeId() {
        return myNodeId;
    }

    /** The ring this core orders messages on. */
    public RingConfiguration ring() {
        return ring;
    }

    /** The receive window's positions, for diagnostics. */
    public String windowDescription() {
        return window.toString();
    }

    /** Throws {@link IllegalStateException} if an invariant of the window or the queue is broken. */
    public void checkInvariants() {
        window.checkInvariants();
        if (queue.backlog() > settings.originateQueueCapacity()) {
            throw new IllegalStateException("originate queue over capacity: " + queue.backlog());
        }
    }

    /** A snapshot of the counters. */
    public OrderingCounters counters() {
        return new OrderingCounters(tokensReceived, tokensDuplicate, tokensForeign, mcastTx, mcastRetx, mcastRx,
                window.duplicates(), window.outOfWindow(), mcastForeign, originateRefused, delivered,
                failedToReceive);
    }
}
