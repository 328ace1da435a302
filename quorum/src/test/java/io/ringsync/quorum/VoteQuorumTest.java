package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The replicated core through its sync rounds and ordered messages ({@link SimulatedQuorum}),
 * with votequorum(5)'s worked examples: last_man_standing shrinking 8 → 5 → 3 → 2, a two_node
 * split, auto_tie_breaker's 50/50 splits, wait_for_all at a cold start, allow_downscale; and the
 * runtime changes, refused where Corosync refuses them.
 */
class VoteQuorumTest {

    private static List<Integer> ids(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    private static Integer[] range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toArray(Integer[]::new);
    }

    private static SimulatedQuorum cluster(int n, QuorumOptions options) {
        return new SimulatedQuorum(ids(n), id -> new VoteQuorum(id, 1, n, options, 0));
    }

    /** Quorate, quorum, total and expected of node {@code id}, for one assertion per step. */
    private static List<Object> shape(SimulatedQuorum c, int id) {
        QuorumStatus s = c.status(id);
        return List.of(s.quorate(), s.quorum(), s.totalVotes(), s.expectedVotes());
    }

    /** Every member of the partition shows the same state (its own id aside). */
    private static void sameEverywhere(SimulatedQuorum c, Integer... members) {
        QuorumStatus first = c.status(members[0]);
        for (int id : members) {
            QuorumStatus s = c.status(id);
            assertEquals(List.of(first.ringId(), first.quorate(), first.quorum(), first.totalVotes(),
                            first.highestExpected(), first.members()),
                    List.of(s.ringId(), s.quorate(), s.quorum(), s.totalVotes(), s.highestExpected(), s.members()),
                    "node " + id + " differs from node " + members[0]);
        }
    }

    private static RingId armedRing(SimulatedQuorum c, int id) {
        return c.effects(id).stream().filter(e -> e instanceof QuorumEffect.ArmLastManStanding)
                .map(e -> ((QuorumEffect.ArmLastManStanding) e).ring()).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("node " + id + " armed no last_man_standing window"));
    }

    @Test
    void lastManStandingShrinksEightToFiveToThreeToTwo() {
        SimulatedQuorum c = cluster(8, QuorumOptions.NONE.withLastManStanding(true, 10_000));
        c.ring(range(1, 8));
        assertEquals(List.of(true, 5, 8, 8), shape(c, 1));

        RingId five = c.ring(range(1, 5));
        assertEquals(List.of(true, 5, 5, 8), shape(c, 1), "quorum holds until the window expires");
        assertEquals(five, armedRing(c, 1), "the ring's lowest member times the window");
        assertTrue(c.effects(2).isEmpty(), "only the lowest member arms the window");
        c.send(1, new QuorumMessage.LastManStandingExpired(five));
        assertEquals(List.of(true, 3, 5, 5), shape(c, 1));
        sameEverywhere(c, range(1, 5));

        RingId three = c.ring(1, 2, 3);
        assertEquals(List.of(true, 3, 3, 5), shape(c, 1));
        c.send(1, new QuorumMessage.LastManStandingExpired(three));
        assertEquals(List.of(true, 2, 3, 3), shape(c, 3));

        RingId two = c.ring(1, 2);
        c.send(1, new QuorumMessage.LastManStandingExpired(two));
        assertEquals(List.of(true, 2, 2, 2), shape(c, 2));
        sameEverywhere(c, 1, 2);

        c.ring(1);
        assertEquals(List.of(false, 2, 1, 2), shape(c, 1), "down to one node needs auto_tie_breaker");
    }

    @Test
    void aStaleWindowExpiryChangesNothing() {
        SimulatedQuorum c = cluster(5, QuorumOptions.NONE.withLastManStanding(true, 10_000));
        c.ring(range(1, 5));
        RingId four = c.ring(1, 2, 3, 4);
        c.ring(1, 2, 3);
        c.send(1, new QuorumMessage.LastManStandingExpired(four));
        assertEquals(List.of(true, 3, 3, 5), shape(c, 1));
    }

    /** The window effect node {@code id} got from its last call: "restart", "continue" or "none". */
    private static String windowEffect(SimulatedQuorum c, int id) {
        return c.effects(id).stream().filter(e -> e instanceof QuorumEffect.ArmLastManStanding)
                .map(e -> ((QuorumEffect.ArmLastManStanding) e).restart() ? "restart" : "continue")
                .reduce((a, b) -> b).orElse("none");
    }

    /**
     * Corosync's window rule, step by step on a 5-node cluster (quorum 3): only a change that
     * removes nodes while at least quorum remain (re)starts the window; a join leaves a running
     * window running (it ends at its first end); the expiry of the running window ends it, in an
     * inquorate ring too, without lowering expected votes there.
     */
    @Test
    void theWindowRestartsOnlyWhenNodesLeave() {
        record Step(String action, Integer[] ring, String window, List<Object> shape) {
        }
        List<Step> steps = List.of(
                new Step("ring", range(1, 5), "none", List.of(true, 3, 5, 5)),
                new Step("ring", range(1, 4), "restart", List.of(true, 3, 4, 5)),
                new Step("ring", range(1, 5), "continue", List.of(true, 3, 5, 5)),
                new Step("ring", range(1, 3), "restart", List.of(true, 3, 3, 5)),
                new Step("expire", null, "none", List.of(true, 2, 3, 3)),
                new Step("ring", range(1, 4), "none", List.of(true, 3, 4, 4)),
                new Step("ring", range(1, 2), "none", List.of(false, 3, 2, 4)),
                new Step("ring", range(1, 3), "none", List.of(true, 3, 3, 4)));
        SimulatedQuorum c = cluster(5, QuorumOptions.NONE.withLastManStanding(true, 10_000));
        RingId current = null;
        for (Step step : steps) {
            if (step.action().equals("ring")) {
                current = c.ring(step.ring());
            } else {
                c.send(1, new QuorumMessage.LastManStandingExpired(current));
            }
            String at = step.action() + " " + (step.ring() == null ? "" : List.of(step.ring()));
            assertEquals(step.window(), windowEffect(c, 1), at);
            assertEquals(step.shape(), shape(c, 1), at);
        }
    }

    @Test
    void anInquorateClusterEndsItsWindowWithoutLoweringExpectedVotes() {
        SimulatedQuorum c = cluster(5, QuorumOptions.NONE.withLastManStanding(true, 10_000));
        c.ring(range(1, 5));
        c.ring(range(1, 3));
        RingId two = c.ring(1, 2);
        assertEquals("continue", windowEffect(c, 1), "2 members < quorum 3: no restart, the window goes on");
        c.send(1, new QuorumMessage.LastManStandingExpired(two));
        assertEquals(List.of(false, 3, 2, 5), shape(c, 1), "not quorate: expected votes stay");
        c.ring(1, 2, 3);
        assertEquals("none", windowEffect(c, 1), "the window is over");
    }

    @Test
    void lastManStandingWithTieBreakerGoesDownToOneNode() {
        QuorumOptions options = QuorumOptions.NONE.withLastManStanding(true, 10_000)
                .withTieBreaker(TieBreaker.lowest()).withWaitForAll(true);
        SimulatedQuorum c = cluster(4, options);
        c.ring(range(1, 4));
        RingId two = c.ring(1, 2);
        assertTrue(c.status(1).quorate(), "the half with the lowest node id");
        c.send(1, new QuorumMessage.LastManStandingExpired(two));
        RingId one = c.ring(1);
        assertEquals(List.of(true, 2, 1, 2), shape(c, 1), "quorate by the tie-breaker");
        c.send(1, new QuorumMessage.LastManStandingExpired(one));
        assertEquals(List.of(true, 1, 1, 1), shape(c, 1));
    }

    @Test
    void twoNodeSplitLeavesBothHalvesQuorateAfterTheFirstFullRing() {
        SimulatedQuorum c = cluster(2, QuorumOptions.NONE.withTwoNode(true).withWaitForAll(true));
        c.ring(1);
        assertEquals(List.of(false, 1, 1, 2), shape(c, 1), "wait_for_all: both nodes seen once first");
        assertTrue(c.status(1).waitingForAll());
        c.ring(1, 2);
        assertEquals(List.of(true, 1, 2, 2), shape(c, 1));
        c.ring(1);
        c.ring(2);
        assertEquals(List.of(true, 1, 1, 2), shape(c, 1));
        assertEquals(List.of(true, 1, 1, 2), shape(c, 2));
        assertTrue(c.status(1).flags().containsAll(List.of(QuorumFlag.TWO_NODE, QuorumFlag.WAIT_FOR_ALL,
                QuorumFlag.QUORATE)), c.status(1).flags()::toString);
    }

    private static SimulatedQuorum splitFour(TieBreaker tieBreaker) {
        SimulatedQuorum c = cluster(4, QuorumOptions.NONE.withTieBreaker(tieBreaker));
        c.ring(range(1, 4));
        c.ring(1, 2);
        c.ring(3, 4);
        return c;
    }

    @Test
    void autoTieBreakerLowestHighestAndList() {
        SimulatedQuorum lowest = splitFour(TieBreaker.lowest());
        assertEquals(List.of(true, false), List.of(lowest.status(1).quorate(), lowest.status(3).quorate()));
        SimulatedQuorum highest = splitFour(TieBreaker.highest());
        assertEquals(List.of(false, true), List.of(highest.status(2).quorate(), highest.status(4).quorate()));
        SimulatedQuorum listed = splitFour(TieBreaker.list(List.of(3, 1)));
        assertEquals(List.of(false, true), List.of(listed.status(1).quorate(), listed.status(3).quorate()));
        assertEquals(List.of(false, 3, 2, 4), shape(listed, 1));
    }

    @Test
    void waitForAllAtColdStartThenCancel() {
        SimulatedQuorum c = cluster(3, QuorumOptions.NONE.withWaitForAll(true));
        c.ring(1, 2);
        assertEquals(List.of(false, 2, 2, 3), shape(c, 1), "2 of 3 votes would be quorum, but not all seen yet");
        c.ring(1, 2, 3);
        assertEquals(List.of(true, 2, 3, 3), shape(c, 1));
        c.ring(1, 2);
        assertTrue(c.status(1).quorate(), "once all were seen, a majority is enough");

        c.restart(3);
        c.ring(3);
        assertFalse(c.status(3).quorate(), "a restarted node waits again");
        c.ring(1, 2, 3);
        assertTrue(c.status(3).quorate());

        SimulatedQuorum cold = cluster(3, QuorumOptions.NONE.withWaitForAll(true));
        cold.ring(1, 2);
        cold.send(2, new QuorumMessage.CancelWaitForAll(2, 7));
        assertEquals(List.of(true, 2, 2, 3), shape(cold, 1));
        assertEquals(List.of(new QuorumEffect.Applied(7)), cold.effects(2), "the asker learns it was applied");
        assertTrue(cold.effects(1).isEmpty());
    }

    @Test
    void allowDownscaleLowersExpectedOnACleanLeaveDownToTheConfiguredValue() {
        QuorumOptions options = QuorumOptions.NONE.withAllowDownscale(true);
        SimulatedQuorum c = new SimulatedQuorum(ids(5), id -> new VoteQuorum(id, 1, 3, options, 0));
        c.ring(range(1, 5));
        assertEquals(List.of(true, 3, 5, 5), shape(c, 1), "expected follows the total up");
        assertTrue(c.effects(1).contains(new QuorumEffect.PersistExpected(5)), "allow_downscale implies tracking");

        c.send(5, c.core(5).leave());
        assertEquals(List.of(true, 3, 4, 4), shape(c, 1));
        c.ring(1, 2, 3, 4);
        c.send(4, c.core(4).leave());
        assertEquals(List.of(true, 2, 3, 3), shape(c, 1));
        c.ring(1, 2, 3);
        c.send(3, c.core(3).leave());
        assertEquals(List.of(true, 2, 2, 3), shape(c, 1), "never below the configured expected votes");
        c.ring(1, 2);
        c.ring(1);
        assertEquals(List.of(false, 2, 1, 3), shape(c, 1), "a failure is not a clean leave");
    }

    @Test
    void nodesGoDownAndUpOneByOne() {
        SimulatedQuorum c = cluster(5, QuorumOptions.NONE);
        c.ring(range(1, 5));
        for (int alive = 4; alive >= 1; alive--) {
            c.ring(range(1, alive));
            assertEquals(List.of(alive >= 3, 3, alive, 5), shape(c, 1), alive + " alive");
            sameEverywhere(c, range(1, alive));
        }
        for (int alive = 2; alive <= 5; alive++) {
            c.restart(alive);
            c.ring(range(1, alive));
            assertEquals(List.of(alive >= 3, 3, alive, 5), shape(c, alive), alive + " alive");
            sameEverywhere(c, range(1, alive));
        }
    }

    @Test
    void setExpectedIsCheckedThenAppliedEverywhere() {
        SimulatedQuorum c = cluster(5, QuorumOptions.NONE);
        c.ring(range(1, 5));
        c.ring(1, 2, 3);
        VoteQuorum core = c.core(1);
        assertEquals(Optional.of("expected votes 2 is below the total votes 3"), core.checkSetExpected(2));
        assertEquals(Optional.of("expected votes must be at least 1, got 0"), core.checkSetExpected(0));
        assertEquals(Optional.of("expected votes 6 would make the cluster inquorate (quorum 4, total votes 3)"),
                core.checkSetExpected(6));
        assertEquals(Optional.empty(), core.checkSetExpected(3));
        c.send(1, new QuorumMessage.SetExpected(1, 1, 3));
        assertEquals(List.of(true, 2, 3, 3), shape(c, 2), "quorum may go down on this path");
        sameEverywhere(c, 1, 2, 3);
        assertEquals(List.of(new QuorumEffect.Applied(1)), c.effects(1));

        c.restart(4);
        c.ring(1, 2, 3, 4);
        assertEquals(List.of(true, 3, 4, 4), shape(c, 4), "a joiner adopts the quorate members' expected votes");
        sameEverywhere(c, 1, 2, 3, 4);
    }

    @Test
    void setVotesIsCheckedThenAppliedEverywhere() {
        SimulatedQuorum c = cluster(3, QuorumOptions.NONE);
        c.ring(1, 2, 3);
        VoteQuorum core = c.core(2);
        assertEquals(Optional.of("node 9 is not a member (members: [1, 2, 3])"), core.checkSetVotes(9, 1));
        assertEquals(Optional.of("votes must be 0 or more, got -1"), core.checkSetVotes(1, -1));
        assertEquals(Optional.empty(), core.checkSetVotes(1, 3));
        c.send(2, new QuorumMessage.SetVotes(2, 5, 1, 3));
        assertEquals(List.of(true, 3, 5, 5), shape(c, 3), "expected follows the new total");
        assertEquals(3, c.status(3).member(1).orElseThrow().votes());
        c.ring(2, 3);
        assertEquals(List.of(false, 3, 2, 5), shape(c, 3), "the heavy node gone, 2 of 5 votes remain");

        SimulatedQuorum five = cluster(5, QuorumOptions.NONE);
        five.ring(range(1, 5));
        five.ring(1, 2, 3);
        assertEquals(Optional.of("votes 0 for node 1 would make the cluster inquorate (quorum 3, total votes 2)"),
                five.core(3).checkSetVotes(1, 0));

        SimulatedQuorum lms = cluster(3, QuorumOptions.NONE.withLastManStanding(true, 1000));
        lms.ring(1, 2, 3);
        assertEquals(Optional.of("last_man_standing needs every node to have exactly 1 vote, got 2"),
                lms.core(1).checkSetVotes(1, 2));
    }

    @Test
    void expectedVotesTrackingStartsFromTheHighestValueKept() {
        QuorumOptions tracking = QuorumOptions.NONE.withExpectedVotesTracking(true);
        VoteQuorum restarted = new VoteQuorum(1, 1, 3, tracking, 5);
        assertEquals(5, restarted.status().expectedVotes());
        assertEquals(3, restarted.status().quorum());
        VoteQuorum untracked = new VoteQuorum(1, 1, 3, QuorumOptions.NONE, 5);
        assertEquals(3, untracked.status().expectedVotes(), "the kept value counts only with tracking on");

        SimulatedQuorum c = new SimulatedQuorum(ids(4), id -> new VoteQuorum(id, 1, 3, tracking, 0));
        c.ring(1, 2, 3, 4);
        assertTrue(c.effects(1).contains(new QuorumEffect.PersistExpected(4)), "the new highest is kept");
        c.restart(4);
        assertEquals(List.of(new QuorumEffect.PersistExpected(3)), c.effects(4), "a first start keeps its expected");
    }

    @Test
    void aDeviceContributesItsVotesToThePartitionOfItsNode() {
        SimulatedQuorum c = new SimulatedQuorum(ids(3), id -> new VoteQuorum(id, 1, 5, QuorumOptions.NONE, 0));
        c.ring(1, 2, 3);
        c.ring(1);
        c.ring(2, 3);
        assertEquals(List.of(false, 3, 2, 5), shape(c, 2));
        c.send(2, c.core(2).deviceVotes(2));
        assertEquals(List.of(true, 3, 4, 5), shape(c, 3), "the device's votes count in node 2's partition");
        assertTrue(c.status(2).flags().contains(QuorumFlag.QDEVICE));
        assertEquals(2, c.status(3).deviceVotes());
        c.send(2, c.core(2).deviceVotes(0));
        assertFalse(c.status(3).quorate(), "withdrawn");
    }

    @Test
    void garbageIsIgnored() {
        SimulatedQuorum c = cluster(2, QuorumOptions.NONE);
        c.ring(1, 2);
        VoteQuorum core = c.core(1);
        long before = core.ignored();
        core.onDeliver(2, c.ringOf(1), false, new byte[] {9, 9});
        core.onDeliver(2, c.ringOf(1), false, new byte[0]);
        assertEquals(before + 2, core.ignored());
        assertEquals(List.of(true, 2, 2, 2), shape(c, 1));
    }
}
