package io.ringsync.quorum;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * votequorum as a replicated service (Corosync's {@code votequorum.c}, its exec and sync parts),
 * pure: the node table, this node's votes and expected votes, quorum and the flags' state, fed by
 * Totem's ordered events through a {@code ServiceChannel}. Each calculation is
 * {@link QuorumCalculator#calculate}.
 *
 * <p><b>Sync round.</b> After each REGULAR configuration every member multicasts a
 * {@link QuorumMessage.NodeInfo} (votes, expected, quorate, waiting for all, leaving, first,
 * device votes). At activation, the same point of the order on every member, the round's infos
 * are applied together, in node id order rather than arrival order: a node that is not quorate
 * adopts the highest expected votes among quorate members (and may then lower quorum); a member's
 * expected votes count as sent when it is quorate or expected_votes_tracking is on, and as this
 * node's own otherwise; a quorate member that no longer waits ends wait_for_all's wait; then
 * quorum is recalculated. Corosync applies each NODEINFO as it arrives, which makes the outcome
 * depend on arrival order; here it does not.
 *
 * <p><b>Ordered runtime changes.</b> Set expected votes, set a node's votes, cancel wait_for_all
 * and the last_man_standing window's expiry are application messages, applied by every member
 * where the order delivers them. Requests are checked against this node's state before they are
 * multicast ({@link #checkSetExpected}, {@link #checkSetVotes}), as {@code corosync-quorumtool}'s
 * requests are checked by the node that receives them.
 *
 * <p><b>last_man_standing.</b> Corosync's rule (votequorum's sync init and LMS timer): a ring
 * change that removed nodes while the members were at least quorum (or, with auto_tie_breaker,
 * down to quorum with the tie-breaker present) starts the window, restarting one that runs, so
 * expected votes drop only once the membership has been stable for a whole window after the last
 * such change; any other ring change leaves a running window running; when it ends, a quorate
 * cluster sets expected votes to the members' votes and an inquorate one does nothing, and
 * either way the window is over. Here the ring's lowest member times the window and multicasts
 * {@link QuorumMessage.LastManStandingExpired} when it ends ({@link
 * QuorumEffect.ArmLastManStanding}, {@code restart} telling a new window from one that goes on in
 * the new ring); the time is the driver's, the decision is the order's: the expiry counts only in
 * the ring it was sent for.
 *
 * <p><b>allow_downscale</b> lowers expected votes to the remaining members' votes, never below the
 * configured expected votes (or the last value set at runtime), when a member announces a clean
 * leave ({@link #leave}). <b>expected_votes_tracking</b> keeps the highest expected votes seen
 * ({@link QuorumEffect.PersistExpected}); a restart starts from the higher of it and the
 * configured value.
 *
 * <p><b>Quorum device.</b> A node's device votes travel in its node info; the partition counts
 * the highest device votes any member reports (once), so every member counts the same.
 */
@PureCore
public final class VoteQuorum implements ReplicatedService {

    /** What this node knows about one node. */
    private static final class Node {
        int votes;
        int expected;
        int deviceVotes;
        boolean quorate;
        boolean leaving;

        Node(int votes, int expected) {
            this.votes = votes;
            this.expected = expected;
        }
    }

    private final int localId;
    private final QuorumOptions options;
    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final Map<Integer, QuorumMessage.NodeInfo> roundInfos = new TreeMap<>();
    private final List<QuorumEffect> effects = new ArrayList<>();
    private int localExpected;
    private int downscaleFloor;
    private int tracked;
    private int quorum;
    private boolean quorate;
    private boolean waitingForAll;
    private boolean first = true;
    private boolean leaving;
    private boolean deviceRegistered;
    private boolean lastManStandingArmed;
    private int lowest;
    private int highest;
    private RingId ring;
    private List<Integer> members;
    private List<Integer> previousMembers = List.of();
    private QuorumResult last;
    private QuorumStatus status;
    private long ignored;

    /**
     * The state of a node starting up, alone.
     *
     * @param localNodeId this node
     * @param votes       its votes (nodelist)
     * @param expected    configured expected votes (explicit, or the nodelist's sum plus a device's votes)
     * @param options     the flags
     * @param tracked     the highest expected votes kept by expected_votes_tracking (0: none)
     */
    public VoteQuorum(int localNodeId, int votes, int expected, QuorumOptions options, int tracked) {
        this.localId = localNodeId;
        this.options = options;
        this.tracked = options.expectedVotesTracking() ? tracked : 0;
        this.localExpected = Math.max(expected, this.tracked);
        this.downscaleFloor = expected;
        this.waitingForAll = options.waitForAll();
        this.members = List.of(localNodeId);
        nodes.put(localNodeId, new Node(votes, localExpected));
        recalculate(Decrease.NEVER);
    }

    @Override
    public ServiceId serviceId() {
        return ServiceId.QUORUM;
    }

    /** The state as of the last sync round or runtime change. */
    public QuorumStatus status() {
        return status;
    }

    /** The last calculation's result. */
    public QuorumResult lastResult() {
        return last;
    }

    /** Messages skipped: undecodable, or not meant for the phase they arrived in. */
    public long ignored() {
        return ignored;
    }

    /** The effects of the calls since the last take, in order. */
    public List<QuorumEffect> takeEffects() {
        List<QuorumEffect> taken = List.copyOf(effects);
        effects.clear();
        return taken;
    }

    /** This node's info, as the sync round and runtime announcements send it. */
    public QuorumMessage.NodeInfo nodeInfo() {
        Node me = nodes.get(localId);
        return new QuorumMessage.NodeInfo(localId, me.votes, localExpected, quorate, waitingForAll, leaving, first,
                me.deviceVotes);
    }

    /**
     * A quorum device registered on this node now casts {@code votes} (0: it withdrew them): the
     * info to multicast. The votes count, on every member alike, once it is delivered.
     */
    public QuorumMessage.NodeInfo deviceVotes(int votes) {
        deviceRegistered = true;
        QuorumMessage.NodeInfo now = nodeInfo();
        return new QuorumMessage.NodeInfo(localId, now.votes(), now.expected(), now.quorate(), now.waitingForAll(),
                now.leaving(), now.first(), votes);
    }

    /** The votes this node's device casts as the members know it (delivered). */
    public int localDeviceVotes() {
        return nodes.get(localId).deviceVotes;
    }

    /** This node is about to leave cleanly (allow_downscale); the info to multicast. */
    public QuorumMessage.NodeInfo leave() {
        leaving = true;
        return nodeInfo();
    }

    /** Whether this node's own clean-leave announcement has come back in the order and been applied. */
    public boolean leaveApplied() {
        Node me = nodes.get(localId);
        return me != null && me.leaving;
    }

    @Override
    public void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> newMembers, List<Integer> left,
                                List<Integer> joined) {
        if (kind != ConfigurationKind.REGULAR) {
            return;
        }
        boolean anyLeft = members.stream().anyMatch(id -> !newMembers.contains(id));
        if (newMembers.size() > 1) {
            first = false;
        }
        boolean restartWindow = options.lastManStanding() && ((newMembers.size() >= quorum && anyLeft)
                || (newMembers.size() <= quorum && options.tieBreaker().enabled() && newMembers.contains(lowest)));
        lastManStandingArmed |= restartWindow;
        previousMembers = members;
        members = List.copyOf(newMembers);
        roundInfos.clear();
        if (lastManStandingArmed && !members.isEmpty() && members.get(0) == localId) {
            effects.add(new QuorumEffect.ArmLastManStanding(ringId, options.lastManStandingWindowMs(), restartWindow));
        }
    }

    @Override
    public List<byte[]> syncInit(RingId ringId, List<Integer> ringMembers) {
        return List.of(QuorumCodec.encode(nodeInfo()));
    }

    @Override
    public void syncProcess(int senderNodeId, byte[] body) {
        Optional<QuorumMessage> message = QuorumCodec.decode(body);
        if (message.isPresent() && message.get() instanceof QuorumMessage.NodeInfo info
                && info.nodeId() == senderNodeId) {
            roundInfos.put(senderNodeId, info);
        } else {
            ignored++;
        }
    }

    @Override
    public void syncActivate(RingId ringId) {
        Decrease how = Decrease.NEVER;
        OptionalInt peerExpected = roundInfos.values().stream()
                .filter(i -> i.quorate() && i.nodeId() != localId).mapToInt(QuorumMessage.NodeInfo::expected).max();
        if (!quorate && peerExpected.isPresent()) {
            localExpected = peerExpected.getAsInt();
            how = Decrease.ALLOWED;
        }
        for (QuorumMessage.NodeInfo info : roundInfos.values()) {
            if (apply(info)) {
                how = Decrease.TO_MEMBERS;
            }
        }
        if (roundInfos.values().stream().anyMatch(i -> i.quorate() && !i.waitingForAll())) {
            waitingForAll = false;
        }
        roundInfos.clear();
        ring = ringId;
        recalculate(how);
    }

    @Override
    public void syncAbort(RingId ringId) {
        roundInfos.clear();
    }

    @Override
    public void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body) {
        Optional<QuorumMessage> decoded = QuorumCodec.decode(body);
        if (decoded.isEmpty()) {
            ignored++;
            return;
        }
        QuorumMessage message = decoded.get();
        if (message instanceof QuorumMessage.NodeInfo info) {
            onNodeInfo(senderNodeId, info);
        } else if (message instanceof QuorumMessage.SetExpected set) {
            onSetExpected(set);
        } else if (message instanceof QuorumMessage.SetVotes set) {
            onSetVotes(set);
        } else if (message instanceof QuorumMessage.CancelWaitForAll cancel) {
            waitingForAll = false;
            recalculate(Decrease.NEVER);
            applied(cancel.origin(), cancel.requestId());
        } else {
            onLastManStandingExpired(((QuorumMessage.LastManStandingExpired) message).ring());
        }
    }

    /**
     * Why setting expected votes to {@code expected} is refused, or empty when it may be
     * multicast: below 1; below the current total votes; or making a quorate cluster inquorate.
     */
    public Optional<String> checkSetExpected(int expected) {
        if (expected < 1) {
            return Optional.of("expected votes must be at least 1, got " + expected);
        }
        QuorumResult r = QuorumCalculator.calculate(trial(List.of(), expected));
        if (expected < r.totalVotes()) {
            return Optional.of("expected votes " + expected + " is below the total votes " + r.totalVotes());
        }
        if (quorate && r.quorum() > r.totalVotes()) {
            return Optional.of("expected votes " + expected + " would make the cluster inquorate (quorum "
                    + r.quorum() + ", total votes " + r.totalVotes() + ")");
        }
        return Optional.empty();
    }

    /**
     * Why setting node {@code nodeId}'s votes to {@code votes} is refused, or empty when it may be
     * multicast: an unknown node or negative votes; last_man_standing with other than 1 vote; or a
     * quorum outside [total / 2, total] afterwards (a quorate cluster would become inquorate).
     */
    public Optional<String> checkSetVotes(int nodeId, int votes) {
        if (!members.contains(nodeId) || !nodes.containsKey(nodeId)) {
            return Optional.of("node " + nodeId + " is not a member (members: " + members + ")");
        }
        if (votes < 0) {
            return Optional.of("votes must be 0 or more, got " + votes);
        }
        if (options.lastManStanding() && votes != 1) {
            return Optional.of("last_man_standing needs every node to have exactly 1 vote, got " + votes);
        }
        QuorumResult r = QuorumCalculator.calculate(trial(List.of(new NodeVotes(nodeId, votes, 0)), 0));
        if (r.quorum() > r.totalVotes()) {
            return Optional.of("votes " + votes + " for node " + nodeId + " would make the cluster inquorate (quorum "
                    + r.quorum() + ", total votes " + r.totalVotes() + ")");
        }
        if (r.quorum() < r.totalVotes() / 2) {
            return Optional.of("votes " + votes + " for node " + nodeId + " would leave quorum " + r.quorum()
                    + " below half the total votes " + r.totalVotes());
        }
        return Optional.empty();
    }

    /** Applies one node's info to the table; true when it announces a clean leave that lowers expected votes. */
    private boolean apply(QuorumMessage.NodeInfo info) {
        Node node = nodes.computeIfAbsent(info.nodeId(), id -> new Node(0, 0));
        node.votes = info.votes();
        node.quorate = info.quorate();
        node.leaving = info.leaving();
        node.deviceVotes = info.deviceVotes();
        node.expected = info.nodeId() == localId ? localExpected
                : info.quorate() || options.expectedVotesTracking() ? info.expected() : localExpected;
        return info.leaving() && options.allowDownscale();
    }

    private void onNodeInfo(int sender, QuorumMessage.NodeInfo info) {
        if (info.nodeId() != sender || !members.contains(sender)) {
            ignored++;
            return;
        }
        boolean downscale = apply(info);
        recalculate(downscale ? Decrease.TO_MEMBERS : Decrease.NEVER);
    }

    private void onSetExpected(QuorumMessage.SetExpected set) {
        for (int id : members) {
            nodes.get(id).expected = set.expected();
        }
        localExpected = set.expected();
        downscaleFloor = set.expected();
        if (options.expectedVotesTracking()) {
            localExpected = Math.max(localExpected, tracked);
        }
        recalculate(Decrease.ALLOWED);
        applied(set.origin(), set.requestId());
    }

    private void onSetVotes(QuorumMessage.SetVotes set) {
        Node node = nodes.get(set.nodeId());
        if (node != null) {
            node.votes = set.votes();
            recalculate(Decrease.ALLOWED);
        }
        applied(set.origin(), set.requestId());
    }

    /** The window of this ring ended: over in any case; expected votes drop only in a quorate cluster (Corosync's LMS timer). */
    private void onLastManStandingExpired(RingId expiredIn) {
        if (!options.lastManStanding() || !expiredIn.equals(ring) || !lastManStandingArmed) {
            ignored++;
            return;
        }
        lastManStandingArmed = false;
        if (quorate) {
            recalculate(Decrease.TO_MEMBERS);
        }
    }

    private void applied(int origin, long requestId) {
        if (origin == localId) {
            effects.add(new QuorumEffect.Applied(requestId));
        }
    }

    /** The members' votes as they count now: members not leaving. */
    private List<NodeVotes> voters() {
        List<NodeVotes> voters = new ArrayList<>();
        for (int id : members) {
            Node node = nodes.get(id);
            if (node != null && !node.leaving) {
                voters.add(new NodeVotes(id, node.votes, node.expected));
            }
        }
        return voters;
    }

    private int deviceVotesNow() {
        int votes = 0;
        for (int id : members) {
            Node node = nodes.get(id);
            if (node != null && !node.leaving) {
                votes = Math.max(votes, node.deviceVotes);
            }
        }
        return votes;
    }

    private QuorumInput input(List<NodeVotes> voters, int expected, Decrease how, QuorumOptions with) {
        return new QuorumInput(voters, deviceVotesNow(), expected, quorum, how, downscaleFloor, waitingForAll,
                previousMembers, lowest, highest, with);
    }

    /**
     * The input of a requested change, tried without applying it: {@code override} replaces
     * members' votes, {@code expected} (when non-zero) every member's expected votes; quorum may
     * decrease, wait_for_all and allow_downscale are left out, as Corosync checks requests.
     */
    private QuorumInput trial(List<NodeVotes> override, int expected) {
        List<NodeVotes> voters = new ArrayList<>();
        for (NodeVotes v : voters()) {
            NodeVotes replaced = override.stream().filter(o -> o.nodeId() == v.nodeId()).findFirst().orElse(v);
            voters.add(new NodeVotes(v.nodeId(), replaced.votes(), expected > 0 ? expected : v.expected()));
        }
        QuorumOptions plain = options.withWaitForAll(false).withAllowDownscale(false);
        return input(voters, expected > 0 ? expected : localExpected, Decrease.ALLOWED, plain);
    }

    /**
     * One calculation over the current members, and its consequences on the state. Every member
     * raises its own expected votes to the total at the same point of the order, so the table
     * raises the members' too.
     */
    private void recalculate(Decrease how) {
        QuorumResult r = QuorumCalculator.calculate(input(voters(), localExpected, how, options));
        localExpected = r.expectedVotes();
        for (int id : members) {
            Node node = nodes.get(id);
            if (node != null) {
                node.expected = r.membersExpected() > 0 ? r.membersExpected() : Math.max(node.expected, r.totalVotes());
            }
        }
        nodes.get(localId).expected = localExpected;
        quorum = r.quorum();
        quorate = r.quorate();
        waitingForAll = r.waitingForAll();
        if (quorate) {
            lowest = members.get(0);
            highest = members.get(members.size() - 1);
        }
        if (options.expectedVotesTracking() && localExpected > tracked) {
            tracked = localExpected;
            effects.add(new QuorumEffect.PersistExpected(tracked));
        }
        last = r;
        status = snapshot(r);
    }

    private QuorumStatus snapshot(QuorumResult r) {
        List<QuorumStatus.Member> shown = new ArrayList<>();
        for (int id : members) {
            Node node = nodes.get(id);
            if (node != null) {
                shown.add(new QuorumStatus.Member(id, node.votes, node.expected));
            }
        }
        return new QuorumStatus(localId, Optional.ofNullable(ring), r.quorate(), localExpected, r.highestExpected(),
                r.totalVotes(), r.quorum(), flags(r.quorate()), shown, deviceVotesNow(), r.waitingForAll());
    }

    private Set<QuorumFlag> flags(boolean isQuorate) {
        Set<QuorumFlag> flags = EnumSet.noneOf(QuorumFlag.class);
        if (options.twoNode()) {
            flags.add(QuorumFlag.TWO_NODE);
        }
        if (isQuorate) {
            flags.add(QuorumFlag.QUORATE);
        }
        if (options.waitForAll()) {
            flags.add(QuorumFlag.WAIT_FOR_ALL);
        }
        if (options.lastManStanding()) {
            flags.add(QuorumFlag.LAST_MAN_STANDING);
        }
        if (options.tieBreaker().enabled()) {
            flags.add(QuorumFlag.AUTO_TIE_BREAKER);
        }
        if (options.allowDownscale()) {
            flags.add(QuorumFlag.ALLOW_DOWNSCALE);
        }
        if (deviceRegistered) {
            flags.add(QuorumFlag.QDEVICE);
        }
        return flags;
    }
}
