package io.ringsync.examples.singleton;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who runs the singleton, decided by one process from what its node tells it (pure: no clock, no
 * I/O). The rule is Pacemaker's primitive resource on a CPG group:
 *
 * <ul>
 *   <li><b>Election.</b> After each change of the group in a ring (a CPG configuration change, or
 *   the end of CPG's sync round for a new ring, {@code CpgTotemConfChg}) every member multicasts a
 *   {@link Vote} into the group: the ring, the highest epoch it knows there, and the member list it
 *   votes for. Once a vote for the current member list has been delivered from every member, the
 *   election is over: the holder is the member with the lowest node id (then pid), and the epoch
 *   one above the highest voted. Everything it depends on is a delivery of the group's one total
 *   order, so every member reaches the same holder and epoch at the same point; a member that
 *   joined mid-ring learns the epoch from the others' votes. A later change starts a new election
 *   at once, which stops the holder until it ends.</li>
 *   <li><b>Gates.</b> The elected process runs only while the ring of the election is also Totem's
 *   current regular ring and the quorum service's, and that ring is quorate: so it stops as soon as
 *   its node sees a new ring form, and never runs in a partition without quorum.</li>
 *   <li><b>Token.</b> The holder acts under {@link FencingToken}(ring, epoch). Rings are ordered by
 *   seq, and within a ring elections by epoch, so a holder cut off from the ring, which keeps
 *   acting until its own node notices (the token timeout, then consensus), carries an older token
 *   than its successor and a fenced resource refuses it.</li>
 * </ul>
 *
 * <p>Residual cases, stated: the epoch grows within a ring as long as one member of each election
 * took part in the previous one; if every such member leaves the group while its node stays in the
 * ring, the next election may reuse an epoch (a process leaving a group without its node leaving
 * the ring; never the case in this example, where a process leaves with its node). A vote is
 * counted only for an election of the member list it names; a late vote can be counted for a
 * later election of the same member list (a process left and rejoined with the same pid while it
 * was in flight), which only lowers the epoch to one of that earlier election.
 */
@PureCore
public final class SingletonCore {

    /** Why this process does not hold the singleton now. */
    public enum Standby {
        /** It has not joined the group yet, or not seen the group's ring. */
        NOT_A_MEMBER,
        /** The ring changes: the group's membership for the new ring is not agreed yet. */
        RING_CHANGING,
        /** An election runs: not every member's vote has been delivered yet. */
        ELECTING,
        /** Another member was elected. */
        OTHER_HOLDER,
        /** Totem has moved on to another ring than the one of the election. */
        TOTEM_AHEAD,
        /** The quorum service has not yet reported on the election's ring. */
        QUORUM_PENDING,
        /** The ring is not quorate. */
        INQUORATE
    }

    /**
     * The vote a member multicasts when an election starts.
     *
     * @param ring    the ring of the election
     * @param epoch   the highest epoch the voter knows in that ring (0: none)
     * @param members the member list it votes for (the group after the change)
     */
    public record Vote(RingId ring, int epoch, List<CpgMember> members) {

        /** Copies the list. */
        public Vote {
            members = List.copyOf(members);
        }
    }

    /**
     * Where this process stands: holding with a token, or in standby with the reason.
     *
     * @param token   the token it holds with, when it holds
     * @param standby why not, when it does not
     */
    public record Decision(Optional<FencingToken> token, Optional<Standby> standby) {

        static Decision hold(FencingToken token) {
            return new Decision(Optional.of(token), Optional.empty());
        }

        static Decision standBy(Standby reason) {
            return new Decision(Optional.empty(), Optional.of(reason));
        }
    }

    private static final Comparator<CpgMember> LOWEST = Comparator.comparingInt(CpgMember::nodeId)
            .thenComparingLong(CpgMember::pid);

    private final CpgMember self;
    private final List<Vote> votesToSend = new ArrayList<>();
    private RingId totemRing;
    private RingId quorumRing;
    private boolean quorate;
    private RingId groupRing;
    private List<CpgMember> members = List.of();
    private int epoch;
    private Map<CpgMember, Integer> ballots;
    private List<CpgMember> electing;
    private CpgMember holder;

    /** The core of the process {@code self} (its node id and pid in the group). */
    public SingletonCore(CpgMember self) {
        this.self = self;
    }

    /** Totem's configuration changed: a REGULAR one installs {@code ring}; a TRANSITIONAL one means no ring now. */
    public void totemConfiguration(ConfigurationKind kind, RingId ring) {
        totemRing = kind == ConfigurationKind.REGULAR ? ring : null;
    }

    /** The quorum service's state for {@code ring} (empty before its first sync round). */
    public void quorum(Optional<RingId> ring, boolean quorate) {
        this.quorumRing = ring.orElse(null);
        this.quorate = quorate;
    }

    /** CPG's sync round for {@code ring} ended ({@code CpgTotemConfChg}): a new ring's first election. */
    public void groupRing(RingId ring) {
        groupRing = ring;
        epoch = 0;
        holder = null;
        electing = null;
        if (isMember()) {
            startElection();
        }
    }

    /**
     * The group's membership changed. A change made by a ring change (NODEDOWN or NODEUP) waits
     * for the ring's {@link #groupRing}; a change within the ring starts an election.
     */
    public void groupChanged(CpgConfChg change) {
        members = change.members();
        holder = null;
        electing = null;
        if (byRingChange(change)) {
            groupRing = null;
        } else if (groupRing != null && isMember()) {
            startElection();
        }
    }

    /** A vote was delivered from {@code sender}: it counts for the election of the member list it names. */
    public void voteDelivered(CpgMember sender, Vote vote) {
        if (electing == null || !vote.ring().equals(groupRing) || !vote.members().equals(electing)
                || !electing.contains(sender) || ballots.containsKey(sender)) {
            return;
        }
        ballots.put(sender, vote.epoch());
        if (ballots.size() == electing.size()) {
            epoch = ballots.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
            holder = electing.stream().min(LOWEST).orElseThrow();
            electing = null;
            ballots = null;
        }
    }

    /** The votes to multicast, in order, since the last call. */
    public List<Vote> takeVotes() {
        List<Vote> taken = List.copyOf(votesToSend);
        votesToSend.clear();
        return taken;
    }

    /** The token of the election last completed in the current group ring, whoever holds it. */
    public Optional<FencingToken> elected() {
        return holder == null ? Optional.empty() : Optional.of(new FencingToken(groupRing, epoch));
    }

    /** The holder elected in the current group ring, if an election has completed since the last change. */
    public Optional<CpgMember> holder() {
        return Optional.ofNullable(holder);
    }

    /** The group's members as last reported. */
    public List<CpgMember> members() {
        return members;
    }

    /** Whether this process holds the singleton now, and with which token; else why not. */
    public Decision decision() {
        if (groupRing == null) {
            return Decision.standBy(isMember() ? Standby.RING_CHANGING : Standby.NOT_A_MEMBER);
        }
        if (!isMember()) {
            return Decision.standBy(Standby.NOT_A_MEMBER);
        }
        if (holder == null) {
            return Decision.standBy(Standby.ELECTING);
        }
        if (!holder.equals(self)) {
            return Decision.standBy(Standby.OTHER_HOLDER);
        }
        if (!groupRing.equals(totemRing)) {
            return Decision.standBy(Standby.TOTEM_AHEAD);
        }
        if (!groupRing.equals(quorumRing)) {
            return Decision.standBy(Standby.QUORUM_PENDING);
        }
        return quorate ? Decision.hold(new FencingToken(groupRing, epoch)) : Decision.standBy(Standby.INQUORATE);
    }

    private void startElection() {
        holder = null;
        electing = List.copyOf(members);
        ballots = new LinkedHashMap<>();
        votesToSend.add(new Vote(groupRing, epoch, electing));
    }

    private boolean isMember() {
        return members.contains(self);
    }

    private static boolean byRingChange(CpgConfChg change) {
        return change.left().stream().anyMatch(SingletonCore::ringReason)
                || change.joined().stream().anyMatch(SingletonCore::ringReason);
    }

    private static boolean ringReason(CpgAddress address) {
        return address.reason() == CpgReason.NODEDOWN || address.reason() == CpgReason.NODEUP;
    }
}
