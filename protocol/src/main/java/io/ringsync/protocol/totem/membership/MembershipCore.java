package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitRotation.Hop;
import io.ringsync.protocol.totem.membership.CommitRotation.Rotate;
import io.ringsync.protocol.totem.membership.CommitRotation.StartFirst;
import io.ringsync.protocol.totem.membership.GatherSets.JoinOutcome;
import io.ringsync.protocol.totem.membership.MembershipEffect.CancelTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.CommitCompleted;
import io.ringsync.protocol.totem.membership.MembershipEffect.MulticastJoin;
import io.ringsync.protocol.totem.membership.MembershipEffect.SendCommitToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.SetTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.StartFirstToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.StateChanged;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Totem SRP membership for one node (Totem TOCS 1995 section 4; corosync.md section 1,
 * "Membership"): GATHER, COMMIT and the entry into RECOVERY. Rules, each cited where applied:
 * <ul>
 * <li><b>Enter GATHER</b> ({@link #enterGather}): add me to proc, reset consensus to {me},
 *     cancel the token timer, arm {@code join} (re-send) and {@code consensus}, and multicast a
 *     join after a random 0..send_join ms.</li>
 * <li><b>GATHER triggers</b>: token loss; a foreign-ring message ({@link #onForeignMessage});
 *     a join in OPERATIONAL unless stale or listing me as failed, or in COMMIT/RECOVERY from a
 *     new-ring member with ring seq at least mine ({@link #onJoin}); FAILED TO RECEIVE.</li>
 * <li><b>Processing a join</b> and <b>consensus</b>: {@link GatherSets#process}; when every
 *     node of proc − failed agreed, the lowest creates the commit token with ring seq =
 *     highest seen + 4 ({@link #checkConsensus}). A consensus timeout marks the non-agreeing
 *     nodes failed and restarts GATHER ({@link #onConsensusTimeout}).</li>
 * <li><b>Fail unreachable</b> (ours, {@link #peerReachability}): a node the link layer reports
 *     unreachable is marked failed once GATHER has lasted {@link #UNREACHABLE_GRACE_JOIN_ROUNDS}
 *     join intervals, unless it agreed or was heard from since.</li>
 * <li><b>Commit token</b>: rotation 1 and rotation 2 ({@link #onCommitToken}); then the rep in
 *     RECOVERY starts the first regular token. {@link CommitRotation} decides; the core applies
 *     ({@link #receiveCommitToken}).</li>
 * </ul>
 * Corosync receives its own join multicast; here sending a join counts as receiving it (it is
 * identical, so only the consensus check runs). Deviation: the {@code join} timer is cancelled
 * on entering COMMIT, as Corosync's {@code memb_state_commit_enter} does (the reference text says
 * joins are re-sent in COMMIT; they would carry the new ring seq and pull the other committing
 * members back to GATHER). Out of scope: the recovery protocol and EVS delivery (reported back
 * through {@link #recoveryComplete}), persisting the ring id, the pause detector, leaving.
 */
@PureCore
public final class MembershipCore {

    private final int myNodeId;
    private MembershipSettings settings;
    private final RandomGenerator random;
    private final GatherSets sets;
    private final CommitRotation rotation;
    private final List<MembershipEffect> out = new ArrayList<>();
    private final MembershipStats stats = new MembershipStats();
    private MembershipState state = MembershipState.OPERATIONAL;
    private RingConfiguration ring;
    private long myRingSeq;
    private long highestRingSeqSeen;
    private CommitToken commitToken;
    private boolean firstTokenStarted;
    /** Nodes the link layer reported unreachable and not heard from since ({@link #peerReachability}). */
    private final TreeSet<Integer> unreachable = new TreeSet<>();
    /** When this node last entered GATHER from another state (a re-entry from GATHER keeps it). */
    private long gatherSinceNs;

    /**
     * Join intervals a GATHER lasts before it fails unreachable nodes: a live node whose links
     * only looked down (pongs late on a loaded machine) sends its join within them, which clears
     * it ({@link #heardFrom}); a dead one does not.
     */
    static final int UNREACHABLE_GRACE_JOIN_ROUNDS = 4;

    /** The core of member {@code myNodeId}, OPERATIONAL in {@code ring}; {@code random} draws send_join delays. */
    public MembershipCore(int myNodeId, RingConfiguration ring, MembershipSettings settings, RandomGenerator random) {
        if (!ring.contains(myNodeId)) {
            throw new IllegalArgumentException(myNodeId + " is not a member of " + ring);
        }
        this.myNodeId = myNodeId;
        this.ring = ring;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.sets = new GatherSets(myNodeId, ring.members());
        this.rotation = new CommitRotation(myNodeId, sets);
        this.myRingSeq = ring.ringId().ringSeq();
        this.highestRingSeqSeen = myRingSeq;
    }

    /** A first-boot core: alone in ring {@code myNodeId.0}; call {@link #start} to gather. */
    public static MembershipCore alone(int myNodeId, MembershipSettings settings, RandomGenerator random) {
        return new MembershipCore(myNodeId, new RingConfiguration(new RingId(myNodeId, 0), List.of(myNodeId)),
                settings, random);
    }

    /**
     * Runs with {@code next} from now on: timers already armed keep their delay, the next ones
     * armed take the new values (a reload's timers, adopted by {@code SrpCore} at a ring change).
     */
    public void changeSettings(MembershipSettings next) {
        this.settings = Objects.requireNonNull(next, "settings");
    }

    /** The timeouts in use. */
    public MembershipSettings settings() {
        return settings;
    }

    /**
     * Before {@link #start}: {@code nodes} are in proc from the first GATHER on, so this node's
     * first ring waits for their consensus (or the consensus timeout, which marks the silent ones
     * failed) instead of forming at once a ring of its own. For a core that replaces a restarted
     * one of this node: the members of the ring it left, which hold the node's accepted messages'
     * place in the order.
     */
    public void gatherWith(Collection<Integer> nodes) {
        nodes.forEach(sets::addProc);
    }

    /** Boot: enter GATHER (Corosync starts every node in GATHER). */
    public List<MembershipEffect> start(long nowNs) {
        transition(MembershipState.GATHER, TransitionReason.STARTUP, nowNs);
        return drain();
    }

    /**
     * A join arrived. OPERATIONAL: ignored if stale (the sender is a member and its ring seq is
     * below mine) or it lists me as failed, else processed and GATHER entered. GATHER: processed
     * ({@link GatherSets#process}). COMMIT or RECOVERY: processed and GATHER entered if the
     * sender is a new-ring member with ring seq at least mine, else ignored.
     */
    public List<MembershipEffect> onJoin(JoinMessage join, long nowNs) {
        stats.joinsReceived++;
        heardFrom(join.senderNodeId());
        highestRingSeqSeen = Math.max(highestRingSeqSeen, join.ringSeq());
        switch (state) {
            case OPERATIONAL -> {
                boolean stale = ring.contains(join.senderNodeId()) && join.ringSeq() < myRingSeq;
                gatherOnJoinOrIgnore(join, !stale && !join.failedList().contains(myNodeId),
                        TransitionReason.JOIN_IN_OPERATIONAL, nowNs);
            }
            case GATHER -> processInGather(join, nowNs);
            case COMMIT, RECOVERY -> gatherOnJoinOrIgnore(join,
                    commitToken.members().contains(join.senderNodeId()) && join.ringSeq() >= myRingSeq,
                    state == MembershipState.COMMIT ? TransitionReason.JOIN_DURING_COMMIT
                            : TransitionReason.JOIN_DURING_RECOVERY, nowNs);
        }
        return drain();
    }

    /**
     * A commit token arrived. GATHER: rotation 1. COMMIT: rotation 2, if it is my new ring's
     * token with every entry filled: enter RECOVERY and forward it to my successor. RECOVERY:
     * the rep, getting it back, starts the first regular token. Else ignored.
     */
    public List<MembershipEffect> onCommitToken(CommitToken token, long nowNs) {
        receiveCommitToken(token, nowNs);
        return drain();
    }

    /** Timer {@code kind} expired; one that no longer applies to the current state is ignored. */
    public List<MembershipEffect> onTimeout(TimerKind kind, long nowNs) {
        switch (kind) {
            case SEND_JOIN -> sendJoinIfGathering(nowNs);
            case JOIN -> {
                if (state == MembershipState.GATHER) {
                    out.add(new SetTimer(TimerKind.JOIN, settings.joinMs()));
                    if (!failUnreachableAfterGrace(nowNs)) {
                        sendJoin(nowNs);
                    }
                }
            }
            case CONSENSUS -> {
                if (state == MembershipState.GATHER) {
                    onConsensusTimeout(nowNs);
                }
            }
            case TOKEN_LOSS -> onTokenLoss(nowNs);
            case TOKEN_RETRANSMIT, TOKEN_HOLD, MERGE_DETECT -> { }
        }
        return drain();
    }

    /**
     * The link layer's word on {@code nodeId}: unreachable (every link to it went down, no pong
     * within the link timeout, which is shorter than the token timeout) or reachable again.
     *
     * <p>Fail-unreachable rule, a deviation from Corosync (whose membership does not listen to
     * knet's link state): once GATHER has lasted {@link #UNREACHABLE_GRACE_JOIN_ROUNDS} join
     * intervals (checked at each join interval, and when a report comes), an unreachable node
     * of proc − failed that has not agreed is marked failed, as the consensus timeout would mark
     * it later (it cannot agree: nothing of it arrives), and GATHER restarts with the new failed
     * set. So the survivors of a killed node form their ring a few join intervals after the
     * token loss instead of a consensus timeout later. Safety does not rest on it:
     * marking a live node failed only splits it off, and a foreign-ring message merges it back,
     * as after any consensus timeout. A node heard from (a join, merge detect or foreign-ring
     * multicast of it, {@link #heardFrom}) counts as reachable again, whatever its links said.
     */
    public List<MembershipEffect> peerReachability(int nodeId, boolean reachable, long nowNs) {
        if (nodeId == myNodeId) {
            return drain();
        }
        if (reachable) {
            unreachable.remove(nodeId);
        } else if (unreachable.add(nodeId)) {
            failUnreachableAfterGrace(nowNs);
        }
        return drain();
    }

    /**
     * The fail-unreachable rule's step: in GATHER past the grace, fail the unreachable
     * non-agreeing nodes and re-gather (which multicasts the new sets); whether it did.
     */
    private boolean failUnreachableAfterGrace(long nowNs) {
        long graceNs = UNREACHABLE_GRACE_JOIN_ROUNDS * settings.joinMs() * 1_000_000L;
        if (state == MembershipState.GATHER && nowNs - gatherSinceNs >= graceNs && sets.failUnreachable(unreachable)) {
            transition(MembershipState.GATHER, TransitionReason.PEER_UNREACHABLE, nowNs);
            return true;
        }
        return false;
    }

    /** A frame of {@code nodeId} arrived: it is reachable, whatever the links reported. */
    private void heardFrom(int nodeId) {
        unreachable.remove(nodeId);
    }

    /** Nodes reported unreachable and not heard from since, sorted. */
    public List<Integer> unreachableList() {
        return List.copyOf(unreachable);
    }

    /** The token-loss timer expired (same as {@code onTimeout(TOKEN_LOSS)}). */
    public List<MembershipEffect> tokenLost(long nowNs) {
        return onTimeout(TimerKind.TOKEN_LOSS, nowNs);
    }

    /**
     * An mcast or merge_detect from {@code senderNodeId} of ring {@code ringId}. If the ring is
     * foreign, in OPERATIONAL, or in GATHER when the sender is new to proc: add the sender to
     * proc and (re-)enter GATHER. Ignored in COMMIT and RECOVERY.
     */
    public List<MembershipEffect> onForeignMessage(int senderNodeId, RingId ringId, long nowNs) {
        heardFrom(senderNodeId);
        boolean foreign = !ringId.equals(ring.ringId()) && senderNodeId != myNodeId;
        if (foreign && (state == MembershipState.OPERATIONAL
                || state == MembershipState.GATHER && !sets.procList().contains(senderNodeId))) {
            sets.addProc(senderNodeId);
            transition(MembershipState.GATHER, TransitionReason.FOREIGN_MESSAGE, nowNs);
        }
        return drain();
    }

    /** A merge_detect arrived: {@link #onForeignMessage} with its sender and ring. */
    public List<MembershipEffect> onMergeDetect(MergeDetect detect, long nowNs) {
        return onForeignMessage(detect.senderNodeId(), detect.ringId(), nowNs);
    }

    /** The ordering layer's FAILED TO RECEIVE: mark every other node failed and GATHER (ending alone). */
    public List<MembershipEffect> failedToReceive(long nowNs) {
        sets.failAllOthers();
        transition(MembershipState.GATHER, TransitionReason.FAILED_TO_RECEIVE, nowNs);
        return drain();
    }

    /** The recovery layer finished in RECOVERY: install the new ring and enter OPERATIONAL. */
    public List<MembershipEffect> recoveryComplete(long nowNs) {
        if (state != MembershipState.RECOVERY) {
            throw new IllegalStateException("recovery complete in " + state);
        }
        transition(MembershipState.OPERATIONAL, TransitionReason.RECOVERY_COMPLETE, nowNs);
        return drain();
    }

    /** The ordering layer's old-ring progress, saved into my commit-token entry in rotation 1. */
    public void noteOrderingProgress(long aru, long highSeqReceived, long highDelivered) {
        rotation.noteOrderingProgress(aru, highSeqReceived, highDelivered);
    }

    private void gatherOnJoinOrIgnore(JoinMessage join, boolean accept, TransitionReason reason, long nowNs) {
        if (!accept) {
            stats.joinsIgnored++;
            return;
        }
        sets.process(join, ring.members());
        transition(MembershipState.GATHER, reason, nowNs);
    }

    private void processInGather(JoinMessage join, long nowNs) {
        JoinOutcome outcome = sets.process(join, ring.members());
        switch (outcome) {
            case AGREED -> checkConsensus(nowNs);
            case SUBSET, SENDER_FAILED, NOTHING_NEW -> stats.joinsIgnored++;
            case MERGED -> transition(MembershipState.GATHER, TransitionReason.MERGE_DURING_JOIN, nowNs);
        }
    }

    /** Consensus rule: all of proc − failed agreed and I am the lowest: create the commit token. */
    private void checkConsensus(long nowNs) {
        if (state == MembershipState.GATHER && sets.agreed() && sets.lowestIsMe()) {
            stats.commitTokensCreated++;
            RingId newRingId = new RingId(myNodeId, highestRingSeqSeen + 4);
            receiveCommitToken(CommitToken.create(newRingId, sets.members()), nowNs);
        }
    }

    /**
     * Applies {@link CommitRotation}'s decision on {@code token}: a rotation adopts its token,
     * changes state through {@link #transition} and forwards the token, handing it to myself at
     * once in a ring of one (decided again in the new state); the rep starts the first token.
     */
    private void receiveCommitToken(CommitToken token, long nowNs) {
        CommitToken received = token;
        while (received != null) {
            CommitRotation.Decision decision = rotation.decide(state, received, commitToken, myRingSeq,
                    ring.ringId(), firstTokenStarted);
            received = null;
            if (decision instanceof Rotate rotate) {
                commitToken = rotate.adopted();
                transition(rotate.to(), rotate.reason(), nowNs);
                Hop hop = rotation.forward(rotate);
                if (hop.target() == myNodeId) {
                    received = hop.token();
                } else {
                    out.add(new SendCommitToken(hop.target(), hop.token()));
                }
            } else if (decision instanceof StartFirst start) {
                firstTokenStarted = true;
                out.add(new StartFirstToken(start.token()));
            }
        }
    }

    /** Consensus timer: if agreed, wait again for the commit token; else fail the silent nodes and re-gather. */
    private void onConsensusTimeout(long nowNs) {
        if (sets.agreed()) {
            sets.resetConsensus();
            out.add(new SetTimer(TimerKind.CONSENSUS, settings.consensusMs()));
            return;
        }
        stats.consensusTimeout();
        sets.failNonAgreeing();
        transition(MembershipState.GATHER, TransitionReason.CONSENSUS_TIMEOUT, nowNs);
    }

    private void onTokenLoss(long nowNs) {
        switch (state) {
            case OPERATIONAL -> transition(MembershipState.GATHER, TransitionReason.TOKEN_LOSS_IN_OPERATIONAL, nowNs);
            case COMMIT -> transition(MembershipState.GATHER, TransitionReason.TOKEN_LOSS_IN_COMMIT, nowNs);
            case RECOVERY -> transition(MembershipState.GATHER, TransitionReason.TOKEN_LOSS_IN_RECOVERY, nowNs);
            case GATHER -> { }
        }
    }

    private void sendJoinIfGathering(long nowNs) {
        if (state == MembershipState.GATHER) {
            sendJoin(nowNs);
        }
    }

    /** Multicast my sets; my own copy is identical, so only the consensus check follows. */
    private void sendJoin(long nowNs) {
        stats.joinsSent++;
        out.add(new MulticastJoin(new JoinMessage(myNodeId, sets.procList(), sets.failedList(), myRingSeq)));
        checkConsensus(nowNs);
    }

    /**
     * STYLE.md rule 4, the one way to change state: record from -> to with its reason, bump
     * the per-state and per-reason counters, emit {@link StateChanged}, run the enter action.
     */
    private void transition(MembershipState to, TransitionReason reason, long nowNs) {
        MembershipState from = state;
        state = to;
        if (to == MembershipState.GATHER && from != MembershipState.GATHER) {
            gatherSinceNs = nowNs;
        }
        stats.record(to, reason);
        out.add(new StateChanged(from, to, reason));
        switch (to) {
            case GATHER -> enterGather(nowNs);
            case COMMIT -> enterCommit();
            case RECOVERY -> out.add(new CommitCompleted(commitToken.configuration(),
                    commitToken.transitionalSet(ring.ringId()), commitToken));
            case OPERATIONAL -> enterOperational();
        }
        if (to != MembershipState.GATHER) {
            out.add(new SetTimer(TimerKind.TOKEN_LOSS, settings.tokenMs()));
        }
    }

    /** Enter GATHER (rule above); timers are armed before the join so a commit at once cancels them. */
    private void enterGather(long nowNs) {
        sets.startGather();
        firstTokenStarted = false;
        out.add(new CancelTimer(TimerKind.TOKEN_LOSS));
        out.add(new SetTimer(TimerKind.JOIN, settings.joinMs()));
        out.add(new SetTimer(TimerKind.CONSENSUS, settings.consensusMs()));
        if (settings.sendJoinMs() == 0) {
            sendJoin(nowNs);
        } else {
            out.add(new SetTimer(TimerKind.SEND_JOIN, random.nextLong(settings.sendJoinMs() + 1)));
        }
    }

    /** Enter COMMIT: adopt the new ring seq as mine, stop the gather timers (token timer armed by transition). */
    private void enterCommit() {
        myRingSeq = commitToken.newRingId().ringSeq();
        highestRingSeqSeen = Math.max(highestRingSeqSeen, myRingSeq);
        out.add(new CancelTimer(TimerKind.SEND_JOIN));
        out.add(new CancelTimer(TimerKind.JOIN));
        out.add(new CancelTimer(TimerKind.CONSENSUS));
    }

    /** Enter OPERATIONAL: install the new ring; proc = its members, nothing failed. */
    private void enterOperational() {
        ring = commitToken.configuration();
        sets.reset(ring.members());
        commitToken = null;
    }

    private List<MembershipEffect> drain() {
        List<MembershipEffect> effects = List.copyOf(out);
        out.clear();
        return effects;
    }

    /** This node's id. */
    public int myNodeId() {
        return myNodeId;
    }

    /** The current state. */
    public MembershipState state() {
        return state;
    }

    /** The installed ring: the last one OPERATIONAL was entered in (the old ring during a change). */
    public RingConfiguration ring() {
        return ring;
    }

    /** My ring seq as joins carry it: the installed ring's, or from COMMIT on the new ring's. */
    public long ringSeq() {
        return myRingSeq;
    }

    /** My proc list, sorted. */
    public List<Integer> procList() {
        return sets.procList();
    }

    /** My failed list, sorted. */
    public List<Integer> failedList() {
        return sets.failedList();
    }

    /** The nodes that sent sets identical to mine in this GATHER, me included. */
    public List<Integer> consensusList() {
        return sets.consensusList();
    }

    /** A snapshot of the counters. */
    public MembershipCounters counters() {
        return stats.snapshot();
    }
}
