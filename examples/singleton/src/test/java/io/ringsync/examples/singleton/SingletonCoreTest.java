package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The election, fed as CPG feeds it: one core per member, the same group events to each, and the
 * votes each multicasts delivered to all in one total order. Every member agrees on the holder
 * and token; the holder runs only through the three gates; the token grows with every election.
 */
class SingletonCoreTest {

    private static final RingId R1 = new RingId(1, 8);
    private static final RingId R2 = new RingId(1, 12);
    private static final CpgMember A = new CpgMember(1, 100);
    private static final CpgMember B = new CpgMember(2, 200);
    private static final CpgMember C = new CpgMember(3, 300);

    /** The group: each member's core, and the votes multicast but not yet delivered, in total order. */
    private final Map<CpgMember, SingletonCore> cores = new LinkedHashMap<>();
    private final List<Map.Entry<CpgMember, SingletonCore.Vote>> inFlight = new ArrayList<>();
    private List<CpgMember> members = List.of();

    private void start(CpgMember... processes) {
        for (CpgMember p : processes) {
            cores.put(p, new SingletonCore(p));
        }
    }

    /** Every core sees Totem's and quorum's view of {@code ring}. */
    private void nodeViews(RingId ring, boolean quorate) {
        cores.values().forEach(core -> {
            core.totemConfiguration(ConfigurationKind.REGULAR, ring);
            core.quorum(Optional.of(ring), quorate);
        });
    }

    /** A change of the group, as CPG delivers it to the members after it (and those who left). */
    private void change(List<CpgMember> after, List<CpgAddress> left, List<CpgAddress> joined) {
        CpgConfChg change = new CpgConfChg("g", after, left, joined);
        List<CpgMember> told = new ArrayList<>(after);
        left.forEach(a -> told.add(a.member()));
        told.forEach(m -> cores.get(m).groupChanged(change));
        members = after;
        collectVotes();
    }

    /** CPG's sync round for {@code ring} ended. */
    private void ring(RingId ring) {
        members.forEach(m -> cores.get(m).groupRing(ring));
        collectVotes();
    }

    private void collectVotes() {
        cores.forEach((member, core) -> core.takeVotes().forEach(v -> inFlight.add(Map.entry(member, v))));
    }

    /** Delivers the first {@code count} votes in flight to every current member. */
    private void deliver(int count) {
        for (int i = 0; i < count; i++) {
            Map.Entry<CpgMember, SingletonCore.Vote> vote = inFlight.remove(0);
            members.forEach(m -> cores.get(m).voteDelivered(vote.getKey(), vote.getValue()));
            collectVotes();
        }
    }

    private void deliverAll() {
        deliver(inFlight.size());
    }

    private static List<CpgAddress> with(CpgReason reason, CpgMember... processes) {
        return List.of(processes).stream().map(p -> new CpgAddress(p, reason)).toList();
    }

    private SingletonCore.Decision decision(CpgMember member) {
        return cores.get(member).decision();
    }

    private void assertHolds(CpgMember holder, FencingToken token) {
        for (CpgMember m : members) {
            SingletonCore.Decision d = decision(m);
            if (m.equals(holder)) {
                assertEquals(Optional.of(token), d.token(), m + " holds");
            } else {
                assertEquals(Optional.of(SingletonCore.Standby.OTHER_HOLDER), d.standby(), m + " stands by");
            }
            assertEquals(Optional.of(token), cores.get(m).elected(), m + " agrees on the token");
        }
    }

    /** Three members whose processes were in the group when ring R1 formed, elected once. */
    private void threeElected() {
        start(A, B, C);
        nodeViews(R1, true);
        change(List.of(A, B, C), List.of(), with(CpgReason.NODEUP, A, B, C));
        ring(R1);
        deliverAll();
    }

    @Test
    void theLowestMemberIsElectedOnceEveryVoteIsDelivered() {
        start(A, B, C);
        nodeViews(R1, true);
        change(List.of(A, B, C), List.of(), with(CpgReason.NODEUP, A, B, C));
        assertEquals(Optional.of(SingletonCore.Standby.RING_CHANGING), decision(A).standby());
        ring(R1);
        deliver(2);
        assertEquals(Optional.of(SingletonCore.Standby.ELECTING), decision(A).standby(), "a vote is missing");
        deliverAll();
        assertHolds(A, new FencingToken(R1, 1));
    }

    @Test
    void theHolderRunsOnlyWhileTotemAndQuorumAreOnItsRingAndQuorate() {
        threeElected();
        cores.get(A).quorum(Optional.of(R1), false);
        assertEquals(Optional.of(SingletonCore.Standby.INQUORATE), decision(A).standby());
        cores.get(A).quorum(Optional.of(new RingId(1, 4)), true);
        assertEquals(Optional.of(SingletonCore.Standby.QUORUM_PENDING), decision(A).standby());
        cores.get(A).quorum(Optional.of(R1), true);
        cores.get(A).totemConfiguration(ConfigurationKind.TRANSITIONAL, R2);
        assertEquals(Optional.of(SingletonCore.Standby.TOTEM_AHEAD), decision(A).standby());
        cores.get(A).totemConfiguration(ConfigurationKind.REGULAR, R1);
        assertEquals(Optional.of(new FencingToken(R1, 1)), decision(A).token());
    }

    @Test
    void whenTheHoldersNodeLeavesTheNextRingElectsTheNextLowestWithAHigherToken() {
        threeElected();
        change(List.of(B, C), with(CpgReason.NODEDOWN, A), List.of());
        assertEquals(Optional.of(SingletonCore.Standby.RING_CHANGING), decision(B).standby());
        nodeViews(R2, true);
        ring(R2);
        deliverAll();
        assertHolds(B, new FencingToken(R2, 1));
        assertTrue(new FencingToken(R1, 1).olderThan(new FencingToken(R2, 1)));
    }

    @Test
    void aProcessJoiningMidRingLearnsTheEpochFromTheVotesAndEveryMemberAgrees() {
        threeElected();
        change(List.of(A, B), with(CpgReason.LEAVE, C), List.of());
        deliverAll();
        assertHolds(A, new FencingToken(R1, 2));
        CpgMember lower = new CpgMember(1, 50);
        start(lower);
        nodeViews(R1, true);
        cores.get(lower).groupRing(R1); // the ring it is told when it joins (initial totem conf)
        change(List.of(lower, A, B), List.of(), with(CpgReason.JOIN, lower));
        deliverAll();
        assertHolds(lower, new FencingToken(R1, 3));
    }

    @Test
    void aChangeDuringAnElectionRestartsItAndVotesForTheOldMemberListDoNotCount() {
        start(A, B, C);
        nodeViews(R1, true);
        change(List.of(A, B, C), List.of(), with(CpgReason.NODEUP, A, B, C));
        ring(R1);
        deliver(1);
        change(List.of(A, B), with(CpgReason.PROCDOWN, C), List.of());
        deliver(2); // the rest of the first election's votes: A's and B's for {A, B, C}
        assertEquals(Optional.of(SingletonCore.Standby.ELECTING), decision(A).standby());
        deliverAll();
        assertHolds(A, new FencingToken(R1, 1));
    }
}
