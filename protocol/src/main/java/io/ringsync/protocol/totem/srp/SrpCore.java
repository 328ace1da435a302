package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.OrderingCore;
import io.ringsync.protocol.totem.OrderingEffect;
import io.ringsync.protocol.totem.OriginateSource;
import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TokenHold;
import io.ringsync.protocol.totem.TokenHoldCancel;
import io.ringsync.protocol.totem.TotemMessage;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.JoinMessage;
import io.ringsync.protocol.totem.membership.MembershipCore;
import io.ringsync.protocol.totem.membership.MembershipEffect;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.MergeDetect;
import io.ringsync.protocol.totem.membership.TimerKind;
import io.ringsync.protocol.totem.pg.PackingQueue;
import io.ringsync.protocol.totem.pg.Unpacker;
import io.ringsync.protocol.totem.srp.TotemEffect.CancelTimer;
import io.ringsync.protocol.totem.srp.TotemEffect.Send;
import io.ringsync.protocol.totem.srp.TotemEffect.SetTimer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One node's whole Totem SRP (Totem TOCS 1995; corosync.md section 1): the membership state
 * machine ({@link MembershipCore}), the ordering of the installed ring ({@link OrderingCore}),
 * recovery into a new ring with extended virtual synchrony ({@link RecoveryDriver}), the token
 * timers and the idle-ring token hold, as one deterministic state machine. Inputs are received
 * messages ({@link #onMessage}), timer expiries ({@link #onTimeout}) and local requests
 * ({@link #enqueue}, {@link #syncCompleted}, {@link #leave}); each returns the
 * {@link TotemEffect}s to carry out, in order. Time is an argument; randomness comes from the
 * generator given at construction.
 *
 * <p>Rules added to the parts' own (each cited where applied):
 * <ul>
 * <li><b>Which ring a message belongs to.</b> A token or multicast of the installed ring is
 *     ordered by its core while OPERATIONAL (multicasts also in GATHER, tokens not); from COMMIT
 *     on the old ring is frozen (what rotation 1 reported is what recovery uses). In RECOVERY
 *     the new ring's token and multicasts go to the new ring's core. Anything else is foreign:
 *     it sends membership to GATHER ({@link MembershipCore#onForeignMessage}) unless it is
 *     <i>stale</i>, from a member of my installed ring on an older ring (deviation: Corosync
 *     re-gathers on those too; a late retransmission of the old ring is no reason to form a
 *     new one).</li>
 * <li><b>Token timers</b> (step 9): every accepted token re-arms {@code token} (loss) and
 *     cancels {@code token_retransmit}; forwarding a token arms {@code token_retransmit}, whose
 *     expiry re-sends the same token (the successor drops it if it already had it).</li>
 * <li><b>Token hold</b> ({@link TokenHold}, step 8): the representative holds an idle token for
 *     {@code hold} ms. A message queued on the holder releases it at once; one queued on
 *     another member of an idle ring multicasts a {@link TokenHoldCancel} that releases it.</li>
 * <li><b>Merge detect</b>: while nodelist nodes are outside its ring, the representative arms
 *     {@code merge} on a token visit and, on expiry in OPERATIONAL, sends a {@link MergeDetect}
 *     to each of them. Deviation: Corosync probes only from an idle ring (token seq unchanged),
 *     counting on every multicast reaching every node; here multicasts go to ring members only,
 *     so a busy ring would never find the others (seen with three busy rings of one node).</li>
 * <li><b>Service sync hook</b>: with {@link SrpSettings#holdUntilSynced()}, after each regular
 *     configuration only {@link #enqueueSync sync} messages are originated until
 *     {@link #syncCompleted}; application messages wait in their queue.</li>
 * <li><b>Accepted messages outlive the core</b>: the application queue is taken over from an
 *     {@link AcceptedMessages} holder, which the next core (after a restart of the driver) takes
 *     over in turn; each step ends by committing the queue's polls, so that a step that fails
 *     half-way gives back what it polled (the rules are the holder's).</li>
 * <li><b>Leave</b> ({@link #leave}): a join listing myself as failed, sent to every node, after
 *     which this core ignores all input; the others remove me at once.</li>
 * <li><b>Runtime changes</b> (a committed {@code cfg reload}): a new nodelist
 *     ({@link #changeNodelist}) applies at once, so joins and merge detects reach an added node and
 *     no longer a removed one; new timers and constants ({@link #changeSettings}) wait, and are
 *     adopted when this node next commits to a ring (rotation 2 of the commit token, entering
 *     RECOVERY): that ring's recovery and operation, and every membership round after, run with
 *     them, and no ring changes its timers while it runs. Every member that committed the reload
 *     adopts them at the same ring change.</li>
 * </ul>
 */
@PureCore
public final class SrpCore {

    private final int myNodeId;
    private SrpSettings settings;
    private SrpSettings pendingSettings;
    private final TreeSet<Integer> nodelist;
    private final MembershipCore membership;
    private final RecoveryDriver recovery;
    private final AcceptedMessages accepted;
    private final PackingQueue appQueue;
    private final PackingQueue syncQueue;

    /**
     * What the sync queue holds before it refuses (TRY_AGAIN): the services' sync round sends
     * their whole state at once (CKPT its checkpoints), which must not be refused at the
     * application queue's bound; the queue allocates only what is queued.
     */
    static final int SYNC_QUEUE_BYTES = 256 << 20;
    private final Unpacker unpacker;
    private final SrpStats stats = new SrpStats();
    private final List<TotemEffect> out = new ArrayList<>();
    private final TokenPath tokens;
    private OrderingCore installed;
    private TokenHold hold;
    private List<Integer> previousRegularMembers;
    private boolean appHeld;
    private boolean left;

    /**
     * The core of {@code myNodeId} among {@code nodelist}, booting alone with the ring seq
     * persisted by an earlier run ({@code persistedRingSeq}, 0 on first boot); call
     * {@link #start}.
     */
    public SrpCore(int myNodeId, Collection<Integer> nodelist, SrpSettings settings, RandomGenerator random,
                   long persistedRingSeq) {
        this(myNodeId, nodelist, settings, random, persistedRingSeq, new AcceptedMessages());
    }

    /**
     * As {@link #SrpCore(int, Collection, SrpSettings, RandomGenerator, long)}, originating first
     * the application messages a previous core of this node accepted and did not originate
     * ({@code accepted}, which this core takes over; see {@link AcceptedMessages}). If a previous
     * core installed a ring, this one boots in ring {@code (myNodeId, persistedRingSeq + 1)} and
     * gathers with that ring's members (the holder's rules).
     */
    public SrpCore(int myNodeId, Collection<Integer> nodelist, SrpSettings settings, RandomGenerator random,
                   long persistedRingSeq, AcceptedMessages accepted) {
        this.myNodeId = myNodeId;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nodelist = new TreeSet<>(nodelist);
        if (!this.nodelist.contains(myNodeId)) {
            throw new IllegalArgumentException(myNodeId + " is not in the nodelist " + nodelist);
        }
        RingConfiguration previous = accepted.lastRing();
        long bootSeq = previous == null ? persistedRingSeq : persistedRingSeq + 1;
        RingConfiguration alone = new RingConfiguration(new RingId(myNodeId, bootSeq), List.of(myNodeId));
        this.membership = new MembershipCore(myNodeId, alone, settings.membership(), random);
        if (previous != null) {
            membership.gatherWith(previous.members().stream().filter(this.nodelist::contains).toList());
        }
        this.accepted = accepted;
        this.recovery = new RecoveryDriver(myNodeId, settings.ordering());
        int chunksPerLargest = PackingQueue.chunksFor(settings.maxMessageBytes(), settings.maxChunkBytes());
        int capacity = Math.max(settings.ordering().originateQueueCapacity(), 2 * chunksPerLargest);
        this.appQueue = accepted.takeOver(settings.maxChunkBytes(), capacity, settings.maxMessageBytes());
        this.syncQueue = new PackingQueue(settings.maxChunkBytes(),
                Math.max(capacity, SYNC_QUEUE_BYTES / settings.maxChunkBytes()), settings.maxMessageBytes());
        this.unpacker = new Unpacker(settings.maxMessageBytes());
        this.tokens = new TokenPath(myNodeId, settings.tokenRetransmitMs(), out);
        this.installed = new OrderingCore(myNodeId, alone, settings.ordering());
        this.hold = new TokenHold(true, settings.seqnoUnchangedConst());
        this.previousRegularMembers = List.of(myNodeId);
    }

    /** Boot: enter GATHER (Corosync starts every node in GATHER). */
    public List<TotemEffect> start(long nowNs) {
        stepMembership(m -> m.start(nowNs), nowNs);
        return drain(nowNs);
    }

    /** A message from another node (or a token this node forwarded to itself). */
    public List<TotemEffect> onMessage(TotemMessage message, long nowNs) {
        if (!left) {
            dispatch(message, nowNs);
        }
        return drain(nowNs);
    }

    /** Timer {@code kind} expired; one that no longer applies is ignored. */
    public List<TotemEffect> onTimeout(TimerKind kind, long nowNs) {
        if (!left) {
            switch (kind) {
                case TOKEN_RETRANSMIT -> tokens.retransmit(stateIsRingState());
                case TOKEN_HOLD -> releaseHeldToken();
                case MERGE_DETECT -> onMergeTimeout();
                case TOKEN_LOSS -> {
                    stats.tokenLost(membership.state());
                    stepMembership(m -> m.onTimeout(kind, nowNs), nowNs);
                }
                case TOKEN_WARNING -> warnOfSlowToken();
                case SEND_JOIN, JOIN, CONSENSUS -> stepMembership(m -> m.onTimeout(kind, nowNs), nowNs);
            }
        }
        return drain(nowNs);
    }

    /**
     * The link layer reports {@code nodeId} unreachable (every link down) or reachable again:
     * membership's fail-unreachable rule ({@link MembershipCore#peerReachability}).
     */
    public List<TotemEffect> peerReachability(int nodeId, boolean reachable, long nowNs) {
        if (!left) {
            stepMembership(m -> m.peerReachability(nodeId, reachable, nowNs), nowNs);
        }
        return drain(nowNs);
    }

    /**
     * Queues an application message (packed with others or fragmented, {@link PackingQueue});
     * TRY_AGAIN when the queue is full, TOO_LARGE above {@link SrpSettings#maxMessageBytes()}.
     * Carry out {@link #afterEnqueue} next.
     */
    public PackingQueue.Offer offerMessage(Delivery delivery, byte[] payload) {
        return offer(appQueue, delivery, payload);
    }

    /** {@link #offerMessage}, true when accepted. */
    public boolean enqueue(Delivery delivery, byte[] payload) {
        return offerMessage(delivery, payload) == PackingQueue.Offer.ACCEPTED;
    }

    /**
     * Queues a service-sync message, originated even while application messages wait for
     * sync; then carry out {@link #afterEnqueue}.
     */
    public PackingQueue.Offer offerSync(Delivery delivery, byte[] payload) {
        return offer(syncQueue, delivery, payload);
    }

    /** {@link #offerSync}, true when accepted. */
    public boolean enqueueSync(Delivery delivery, byte[] payload) {
        return offerSync(delivery, payload) == PackingQueue.Offer.ACCEPTED;
    }

    /** Effects of the last {@link #enqueue} or {@link #enqueueSync} (a token release or hold cancel). */
    public List<TotemEffect> afterEnqueue(long nowNs) {
        return drain(nowNs);
    }

    /** The service sync round of the current ring finished: application messages flow again. */
    public List<TotemEffect> syncCompleted(RingId ringId, long nowNs) {
        if (appHeld && ringId.equals(installed.ring().ringId())) {
            appHeld = false;
            wakeRingFor(appQueue);
        }
        return drain(nowNs);
    }

    /** Graceful leave: tell every node I am gone; afterwards every input is ignored. */
    public List<TotemEffect> leave(long nowNs) {
        if (!left) {
            left = true;
            out.add(new Send(others(nodelist), JoinMessage.leave(myNodeId, membership.procList(),
                    membership.ringSeq())));
            for (TimerKind kind : TimerKind.values()) {
                out.add(new CancelTimer(kind));
            }
        }
        return drain(nowNs);
    }

    /**
     * The nodelist is {@code nodes} from now on (it must contain this node): joins and merge
     * detects go to its nodes. Members of the installed ring are not affected until the next ring.
     */
    public void changeNodelist(Collection<Integer> nodes) {
        if (!nodes.contains(myNodeId)) {
            throw new IllegalArgumentException(myNodeId + " is not in the new nodelist " + nodes);
        }
        nodelist.clear();
        nodelist.addAll(nodes);
    }

    /**
     * Timers and constants of {@code next} are adopted when this node next commits to a ring (see
     * the class comment); a later call before that replaces them. The message sizes and the sync
     * hook cannot change on a running core.
     */
    public void changeSettings(SrpSettings next) {
        if (next.maxChunkBytes() != settings.maxChunkBytes() || next.maxMessageBytes() != settings.maxMessageBytes()
                || next.holdUntilSynced() != settings.holdUntilSynced()) {
            throw new IllegalArgumentException("message sizes and the sync hook cannot change at runtime");
        }
        pendingSettings = next;
    }

    /** The timers and constants in use. */
    public SrpSettings settings() {
        return settings;
    }

    /** Whether {@link #changeSettings} waits for the next ring. */
    public boolean settingsPending() {
        return pendingSettings != null;
    }

    /** The nodelist joins and merge detects go to, sorted. */
    public List<Integer> nodelist() {
        return List.copyOf(nodelist);
    }

    /** Committing to a new ring: settings waiting since {@link #changeSettings} take effect. */
    private void adoptPendingSettings() {
        if (pendingSettings == null) {
            return;
        }
        settings = pendingSettings;
        pendingSettings = null;
        membership.changeSettings(settings.membership());
        recovery.changeOrdering(settings.ordering());
        tokens.changeRetransmitMs(settings.tokenRetransmitMs());
    }

    private PackingQueue.Offer offer(PackingQueue queue, Delivery delivery, byte[] payload) {
        PackingQueue.Offer result = left ? PackingQueue.Offer.TRY_AGAIN : queue.offer(delivery, payload);
        if (result == PackingQueue.Offer.ACCEPTED) {
            wakeRingFor(queue);
        } else {
            stats.originateRefused++;
        }
        return result;
    }

    /** A message was queued: release a token I hold, or ask the holder of an idle ring to release it. */
    private void wakeRingFor(PackingQueue queue) {
        if (queue == appQueue && appHeld || membership.state() != MembershipState.OPERATIONAL) {
            return;
        }
        if (tokens.isHolding()) {
            releaseHeldToken();
        } else if (hold.unchangedVisits() >= settings.seqnoUnchangedConst() && installed.ring().members().size() > 1) {
            stats.holdCancelsSent++;
            out.add(new Send(others(installed.ring().members()), new TokenHoldCancel(myNodeId, installed.ring().ringId())));
        }
    }

    private void dispatch(TotemMessage message, long nowNs) {
        if (message instanceof RegularToken token) {
            onToken(token, nowNs);
        } else if (message instanceof OrderedMessage mcast) {
            onMulticast(mcast, nowNs);
        } else if (message instanceof JoinMessage join) {
            stepMembership(m -> m.onJoin(join, nowNs), nowNs);
        } else if (message instanceof CommitToken commit) {
            onCommitToken(commit, nowNs);
        } else if (message instanceof MergeDetect detect) {
            stats.mergeDetectsReceived++;
            if (!isStale(detect.senderNodeId(), detect.ringId())) {
                stepMembership(m -> m.onMergeDetect(detect, nowNs), nowNs);
            }
        } else if (message instanceof TokenHoldCancel cancel) {
            stats.holdCancelsReceived++;
            if (tokens.isHolding() && cancel.ringId().equals(installed.ring().ringId())) {
                releaseHeldToken();
            }
        }
    }

    private void onToken(RegularToken token, long nowNs) {
        MembershipState state = membership.state();
        if (state == MembershipState.OPERATIONAL && token.ringId().equals(installed.ring().ringId())) {
            onOperationalToken(token, nowNs);
        } else if (state == MembershipState.RECOVERY && recovery.isRingOf(token.ringId())) {
            onRecoveryToken(token, nowNs);
        } else {
            stats.tokensDropped++;
        }
    }

    private void onOperationalToken(RegularToken token, long nowNs) {
        List<OrderingEffect> effects = installed.onToken(token, operationalSource(), nowNs);
        if (effects.isEmpty()) {
            return;
        }
        acceptedToken(token, nowNs);
        for (OrderingEffect effect : effects) {
            if (effect instanceof OrderingEffect.Multicast m) {
                sendToRing(installed, m.message());
            } else if (effect instanceof OrderingEffect.Retransmit r) {
                sendToRing(installed, r.message());
            } else if (effect instanceof OrderingEffect.ForwardToken forward) {
                forwardOrHold(forward);
            } else if (effect instanceof OrderingEffect.Deliver d) {
                deliver(d.message());
            } else if (effect instanceof OrderingEffect.FailedToReceive) {
                failedToReceive(nowNs);
            }
        }
    }

    private void onRecoveryToken(RegularToken token, long nowNs) {
        RecoveryDriver.Visit visit = recovery.onToken(token, nowNs);
        if (visit == null) {
            return;
        }
        acceptedToken(token, nowNs);
        for (OrderingEffect effect : visit.effects()) {
            if (effect instanceof OrderingEffect.Multicast m) {
                sendToRing(recovery.ringCore(), m.message());
            } else if (effect instanceof OrderingEffect.Retransmit r) {
                sendToRing(recovery.ringCore(), r.message());
            } else if (effect instanceof OrderingEffect.ForwardToken forward) {
                tokens.send(forward);
            } else if (effect instanceof OrderingEffect.Deliver d) {
                recovery.holdDelivery(d.message());
            } else if (effect instanceof OrderingEffect.FailedToReceive) {
                failedToReceive(nowNs);
            }
        }
        if (visit.installable() && membership.state() == MembershipState.RECOVERY) {
            enterOperational(nowNs);
        }
    }

    /** Token receipt bookkeeping common to both states (steps 1 and 9). */
    private void acceptedToken(RegularToken token, long nowNs) {
        stats.tokenReceived(nowNs, token.ringId().repNodeId() == myNodeId);
        tokens.accepted(token);
        out.add(new SetTimer(TimerKind.TOKEN_LOSS, settings.membership().tokenMs()));
        if (settings.tokenWarningMs() > 0) {
            out.add(new SetTimer(TimerKind.TOKEN_WARNING, settings.tokenWarningMs()));
        }
        if (!tokens.mergeArmed() && token.ringId().repNodeId() == myNodeId && !outsideRing().isEmpty()) {
            tokens.armMerge();
            out.add(new SetTimer(TimerKind.MERGE_DETECT, settings.mergeMs()));
        }
    }

    /**
     * token_warning (corosync.md section 1): the token has been away for that share of the token
     * timeout. Only an OPERATIONAL node warns; in the other states the ring is being formed anyway.
     */
    private void warnOfSlowToken() {
        if (membership.state() == MembershipState.OPERATIONAL) {
            stats.tokenWarning();
            out.add(new TotemEffect.TokenWarning(settings.tokenWarningMs(), settings.membership().tokenMs()));
        }
    }

    /** The nodelist nodes that are not members of the installed ring. */
    private List<Integer> outsideRing() {
        RingConfiguration ring = installed.ring();
        return nodelist.stream().filter(id -> !ring.contains(id)).toList();
    }

    /** Sync messages first; application messages unless held for sync. */
    private OriginateSource operationalSource() {
        return appHeld ? new ChunkSource(syncQueue) : new TwoQueues(new ChunkSource(syncQueue), new ChunkSource(appQueue));
    }

    private void forwardOrHold(OrderingEffect.ForwardToken forward) {
        int waiting = syncQueue.size() + (appHeld ? 0 : appQueue.size());
        if (hold.onForward(forward.token(), waiting)) {
            stats.tokenHolds++;
            tokens.hold(forward);
            out.add(new SetTimer(TimerKind.TOKEN_HOLD, settings.holdMs()));
        } else {
            tokens.send(forward);
        }
    }

    private void releaseHeldToken() {
        if (tokens.isHolding()) {
            out.add(new CancelTimer(TimerKind.TOKEN_HOLD));
            tokens.releaseHeld();
        }
    }

    private void onMergeTimeout() {
        tokens.disarmMerge();
        RingConfiguration ring = installed.ring();
        List<Integer> outside = outsideRing();
        if (membership.state() == MembershipState.OPERATIONAL && ring.ringId().repNodeId() == myNodeId
                && !outside.isEmpty()) {
            stats.mergeDetectsSent++;
            out.add(new Send(outside, new MergeDetect(myNodeId, ring.ringId())));
        }
    }

    private void onMulticast(OrderedMessage message, long nowNs) {
        MembershipState state = membership.state();
        RingId ringId = message.ringId();
        if (ringId.equals(installed.ring().ringId())) {
            if (state == MembershipState.OPERATIONAL || state == MembershipState.GATHER) {
                installed.onMulticast(message, nowNs).forEach(e -> deliver(((OrderingEffect.Deliver) e).message()));
            }
        } else if (state == MembershipState.RECOVERY && recovery.isRingOf(ringId)) {
            recovery.onMulticast(message, nowNs);
        } else if (isStale(message.senderNodeId(), ringId)) {
            stats.staleIgnored++;
        } else {
            stats.foreignMessages++;
            stepMembership(m -> m.onForeignMessage(message.senderNodeId(), ringId, nowNs), nowNs);
        }
    }

    /** Stale: sent by a member of my installed ring on a ring older than mine. */
    private boolean isStale(int senderNodeId, RingId ringId) {
        return installed.ring().contains(senderNodeId) && ringId.ringSeq() < installed.ring().ringId().ringSeq();
    }

    private void onCommitToken(CommitToken token, long nowNs) {
        stepMembership(m -> m.onCommitToken(token, nowNs), nowNs);
    }

    /**
     * Runs one membership step and carries out its effects. From GATHER, or from OPERATIONAL
     * through GATHER in the same step (with send_join 0 a lone node reaches consensus at once),
     * the step may be rotation 1 (a commit token received, or created here on consensus), which
     * reads the old ring's progress: the old ring is frozen just before, so what rotation 1
     * reports is what recovery uses.
     */
    private void stepMembership(Function<MembershipCore, List<MembershipEffect>> step, long nowNs) {
        MembershipState state = membership.state();
        if (state == MembershipState.GATHER || state == MembershipState.OPERATIONAL) {
            recovery.noteOldRing(installed);
            membership.noteOrderingProgress(installed.myAru(), installed.highestSeen(), installed.highDelivered());
        }
        applyMembership(step.apply(membership), nowNs);
    }

    private void failedToReceive(long nowNs) {
        stats.failedToReceive++;
        stepMembership(m -> m.failedToReceive(nowNs), nowNs);
    }

    /** Carries out membership's effects, with the Totem-wide actions on each state entry. */
    private void applyMembership(List<MembershipEffect> effects, long nowNs) {
        for (MembershipEffect effect : effects) {
            if (effect instanceof MembershipEffect.MulticastJoin join) {
                List<Integer> to = others(nodelist);
                if (!to.isEmpty()) {
                    out.add(new Send(to, join.join()));
                }
            } else if (effect instanceof MembershipEffect.SendCommitToken send) {
                out.add(new Send(List.of(send.toNodeId()), send.token()));
            } else if (effect instanceof MembershipEffect.SetTimer set) {
                out.add(new SetTimer(set.kind(), set.delayMs()));
            } else if (effect instanceof MembershipEffect.CancelTimer cancel) {
                out.add(new CancelTimer(cancel.kind()));
            } else if (effect instanceof MembershipEffect.StateChanged changed) {
                onStateChanged(changed);
            } else if (effect instanceof MembershipEffect.CommitCompleted commit) {
                adoptPendingSettings();
                recovery.begin(commit.newRing(), commit.token());
            } else if (effect instanceof MembershipEffect.StartFirstToken first) {
                tokens.startFirst(first.token());
            }
        }
    }

    private void onStateChanged(MembershipEffect.StateChanged changed) {
        out.add(new TotemEffect.StateChanged(changed.from(), changed.to(), changed.reason()));
        switch (changed.to()) {
            case GATHER -> {
                tokens.reset();
                recovery.abandon();
                for (TimerKind kind : List.of(TimerKind.TOKEN_RETRANSMIT, TimerKind.TOKEN_HOLD, TimerKind.MERGE_DETECT)) {
                    out.add(new CancelTimer(kind));
                }
            }
            case COMMIT -> out.add(new TotemEffect.PersistRingSeq(membership.ringSeq()));
            case RECOVERY, OPERATIONAL -> { }
        }
    }

    /**
     * A token this node forwarded to itself (a ring of one), or the first token of a ring it
     * represents, is received once the current input is fully handled (never in the middle of
     * a state change), and so on until the ring idles and the hold stops it.
     */
    private void runSelfTokens(long nowNs) {
        for (RegularToken token = tokens.takeSelfToken(); token != null; token = tokens.takeSelfToken()) {
            onToken(token, nowNs);
        }
    }

    /**
     * Recovery is done: deliver the old ring's last messages and both configurations in EVS
     * order ({@link RecoveryDriver#finish}), install the new ring, then deliver what the new
     * ring already ordered during recovery.
     */
    private void enterOperational(long nowNs) {
        RecoveryDriver.Finish finish = recovery.finish();
        stepMembership(m -> m.recoveryComplete(nowNs), nowNs);
        for (TotemEffect event : finish.evsEvents()) {
            if (event instanceof TotemEffect.ConfigurationChange change && change.kind() == ConfigurationKind.REGULAR) {
                List<Integer> leftRing = previousRegularMembers.stream().filter(id -> !change.members().contains(id))
                        .toList();
                out.add(new TotemEffect.ConfigurationChange(ConfigurationKind.REGULAR, change.ringId(),
                        change.members(), leftRing, change.joined()));
                previousRegularMembers = change.members();
                unpacker.configurationChanged();
                appQueue.restartPartlySent();
                syncQueue.restartPartlySent();
                stats.ringsFormed++;
            } else if (event instanceof TotemEffect.Deliver d) {
                deliver(d.message());
            } else {
                out.add(event);
            }
        }
        installed = finish.newRingCore();
        accepted.ringInstalled(installed.ring());
        hold = new TokenHold(installed.ring().ringId().repNodeId() == myNodeId, settings.seqnoUnchangedConst());
        appHeld = settings.holdUntilSynced();
        finish.heldNewRingDeliveries().forEach(this::deliver);
        if (!syncQueue.isEmpty() || !appHeld && !appQueue.isEmpty()) {
            wakeRingFor(syncQueue.isEmpty() ? appQueue : syncQueue);
        }
    }

    /**
     * Delivers the application messages a chunk completes ({@link Unpacker}), each as a message
     * of the chunk's ring, seq, sender and guarantee; an encapsulated message is recovery's.
     * Partial messages are dropped at each regular configuration ({@link Unpacker#configurationChanged}),
     * where a sender also queues its partly sent message again, whole ({@link PackingQueue#restartPartlySent}),
     * not at the transitional one: the old ring's last messages, which EVS delivers after the
     * transitional configuration, may still complete a departed sender's message.
     */
    private void deliver(OrderedMessage chunk) {
        if (chunk.isEncapsulated()) {
            return;
        }
        for (byte[] message : unpacker.onChunk(chunk.senderNodeId(), chunk.payload())) {
            stats.delivered++;
            out.add(new TotemEffect.Deliver(new OrderedMessage(chunk.ringId(), chunk.seq(), chunk.senderNodeId(),
                    chunk.delivery(), message)));
        }
    }

    private void sendToRing(OrderingCore core, OrderedMessage message) {
        List<Integer> to = others(core.ring().members());
        if (!to.isEmpty()) {
            out.add(new Send(to, message));
        }
    }

    private List<Integer> others(Collection<Integer> nodes) {
        return nodes.stream().filter(id -> id != myNodeId).sorted().toList();
    }

    private boolean stateIsRingState() {
        MembershipState state = membership.state();
        return state == MembershipState.OPERATIONAL || state == MembershipState.RECOVERY;
    }

    /** Ends a step: runs the self tokens, commits what was polled (the step is done) and returns its effects. */
    private List<TotemEffect> drain(long nowNs) {
        runSelfTokens(nowNs);
        appQueue.commitPolls();
        syncQueue.commitPolls();
        List<TotemEffect> effects = List.copyOf(out);
        out.clear();
        return effects;
    }

    /** This node's id. */
    public int nodeId() {
        return myNodeId;
    }

    /** The membership state. */
    public MembershipState state() {
        return membership.state();
    }

    /** The installed ring: the last one this node entered OPERATIONAL in. */
    public RingConfiguration ring() {
        return installed.ring();
    }

    /** Whether this node is OPERATIONAL in a saturated ring ({@link OrderingCore#saturated}). */
    public boolean ringSaturated() {
        return membership.state() == MembershipState.OPERATIONAL && installed.saturated();
    }

    /** Whether application messages wait for the service sync of the current ring. */
    public boolean applicationHeld() {
        return appHeld;
    }

    /** Whether {@link #leave} was called. */
    public boolean hasLeft() {
        return left;
    }

    /** Application messages waiting to be originated. */
    public int queuedApplication() {
        return appQueue.size();
    }

    /** The installed ring's receive window positions, for diagnostics. */
    public String windowDescription() {
        return installed.windowDescription() + (membership.state() == MembershipState.RECOVERY
                ? " recovering " + recovery.describe() : "");
    }

    /** A snapshot of every counter. */
    public SrpCounters counters() {
        return stats.snapshot(membership.state(), installed.ring(), membership.counters(), installed.counters(),
                unpacker.droppedTotal());
    }

    /** Throws {@link IllegalStateException} if an invariant of a window is broken (simulator and tests). */
    public void checkInvariants() {
        installed.checkInvariants();
        recovery.checkInvariants();
    }
}
