package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * votequorum over real Totem and Aeron, several nodes in one JVM: Corosync's VoteQuorumGoDown and
 * VoteQuorumGoUp (votes, expected, total, quorum and quorate at each step), last_man_standing's
 * window timed by the ring's lowest member and applied in the order, wait_for_all at a
 * cold start, a runtime change of votes applied on every member, expected votes tracking across a
 * full restart, and a quorum device keeping a lone node quorate.
 */
class QuorumClusterTest {

    @TempDir
    Path tmp;

    private static List<Integer> upTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    private static boolean shows(QuorumStatus s, boolean quorate, int quorum, int total, int expected) {
        return s.quorate() == quorate && s.quorum() == quorum && s.totalVotes() == total
                && s.expectedVotes() == expected && s.members().stream().allMatch(m -> m.votes() == 1);
    }

    @Test
    void nodesGoDownOneByOneThenUpOneByOne() {
        int n = 5;
        int quorum = (n + 2) / 2;
        try (QuorumNodes nodes = new QuorumNodes(n, tmp,
                id -> new QuorumSetup(id, 1, n, QuorumOptions.NONE, Optional.empty(), Optional.empty()))) {
            upTo(n).forEach(nodes::start);
            nodes.await(upTo(n), s -> shows(s, true, quorum, n, n), "all up");
            for (int alive = n - 1; alive >= 1; alive--) {
                nodes.stop(alive + 1);
                boolean quorate = alive >= quorum;
                int count = alive;
                nodes.await(upTo(alive), s -> shows(s, quorate, quorum, count, n), alive + " alive");
            }
            for (int alive = 2; alive <= n; alive++) {
                nodes.start(alive);
                boolean quorate = alive >= quorum;
                int count = alive;
                nodes.await(upTo(alive), s -> shows(s, quorate, quorum, count, n), alive + " alive");
            }
        }
    }

    @Test
    void lastManStandingLowersExpectedAfterTheWindowInTheOrder() {
        QuorumOptions lms = QuorumOptions.NONE.withLastManStanding(true, 500);
        try (QuorumNodes nodes = new QuorumNodes(4, tmp,
                id -> new QuorumSetup(id, 1, 4, lms, Optional.empty(), Optional.empty()))) {
            upTo(4).forEach(nodes::start);
            nodes.await(upTo(4), s -> shows(s, true, 3, 4, 4), "all up");
            nodes.stop(4);
            nodes.await(upTo(3), s -> shows(s, true, 2, 3, 3), "window expired with 3 of 4");
            nodes.stop(3);
            nodes.await(upTo(2), s -> shows(s, true, 2, 2, 2), "still quorate with 2, then expected 2");
        }
    }

    @Test
    void waitForAllHoldsTheFirstQuorumUntilEveryNodeWasSeen() {
        QuorumOptions wfa = QuorumOptions.NONE.withWaitForAll(true);
        try (QuorumNodes nodes = new QuorumNodes(3, tmp,
                id -> new QuorumSetup(id, 1, 3, wfa, Optional.empty(), Optional.empty()))) {
            nodes.start(1);
            nodes.start(2);
            QuorumStatus two = nodes.await(List.of(1, 2), s -> s.totalVotes() == 2, "two of three up");
            assertEquals(List.of(false, true, 2), List.of(two.quorate(), two.waitingForAll(), two.quorum()),
                    "2 votes would be quorum, but node 3 was never seen: " + two);

            TestProbe<QuorumStatus> waiter = nodes.probe(1);
            nodes.quorum(1).tell(new QuorumActor.AwaitQuorate(waiter.ref()));
            waiter.expectNoMessage(Duration.ofMillis(300));
            nodes.start(3);
            assertTrue(waiter.receiveMessage(QuorumNodes.DEADLINE).quorate(), "the waiter is answered");
            nodes.await(upTo(3), s -> s.quorate() && !s.waitingForAll(), "all three seen");

            nodes.stop(3);
            nodes.await(List.of(1, 2), s -> s.quorate() && s.totalVotes() == 2, "a majority once all were seen");
        }
    }

    @Test
    void aChangeOfVotesIsCheckedThenAppliedOnEveryMember() {
        try (QuorumNodes nodes = new QuorumNodes(3, tmp,
                id -> new QuorumSetup(id, 1, 3, QuorumOptions.NONE, Optional.empty(), Optional.empty()))) {
            upTo(3).forEach(nodes::start);
            nodes.await(upTo(3), QuorumStatus::quorate, "all up");
            TestProbe<QuorumStatus> watcher = nodes.probe(3);
            nodes.quorum(3).tell(new QuorumActor.Subscribe(watcher.ref()));
            assertEquals(3, watcher.receiveMessage().totalVotes(), "the current status first");

            TestProbe<QuorumActor.ChangeResult> answer = nodes.probe(2);
            nodes.quorum(2).tell(new QuorumActor.SetExpected(2, answer.ref()));
            assertEquals(QuorumActor.ChangeResult.refused("expected votes 2 is below the total votes 3"),
                    answer.receiveMessage());
            nodes.quorum(2).tell(new QuorumActor.SetVotes(1, 3, answer.ref()));
            assertEquals(QuorumActor.ChangeResult.ok(), answer.receiveMessage(QuorumNodes.DEADLINE));
            nodes.await(upTo(3), s -> s.totalVotes() == 5 && s.quorum() == 3 && s.expectedVotes() == 5
                    && s.member(1).orElseThrow().votes() == 3, "node 1 has 3 votes everywhere");
            watcher.fishForMessage(QuorumNodes.DEADLINE, s -> s.totalVotes() == 5
                    ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                    : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
        }
    }

    @Test
    void trackedExpectedVotesSurviveAFullRestart() throws Exception {
        QuorumOptions tracking = QuorumOptions.NONE.withExpectedVotesTracking(true);
        Path[] files = new Path[5];
        try (QuorumNodes nodes = new QuorumNodes(4, tmp, id -> new QuorumSetup(id, 1, 2, tracking,
                Optional.of(files[id]), Optional.empty()))) {
            upTo(4).forEach(id -> files[id] = nodes.trackingFile(id));
            upTo(4).forEach(nodes::start);
            nodes.await(upTo(4), s -> s.expectedVotes() == 4 && s.quorate(), "expected follows the 4 votes");
            for (int id = 1; id <= 4; id++) {
                assertEquals(4, TrackedExpectedVotes.read(files[id]), "node " + id + " kept it");
            }
            upTo(4).forEach(nodes::stop);

            nodes.start(1);
            nodes.start(2);
            QuorumStatus two = nodes.await(List.of(1, 2), s -> s.totalVotes() == 2, "two nodes back");
            assertEquals(List.of(false, 3, 4), List.of(two.quorate(), two.quorum(), two.expectedVotes()),
                    "configured expected 2 would make 2 votes quorate; the kept 4 does not: " + two);
        }
    }

    @Test
    void aQuorumDeviceKeepsTheNodeItFavoursQuorate() {
        InProcessArbiter arbiter = new InProcessArbiter("test-arbiter", 1, 1);
        try (QuorumNodes nodes = new QuorumNodes(2, tmp, id -> new QuorumSetup(id, 1, 3, QuorumOptions.NONE,
                Optional.empty(), Optional.empty()).withDevice(arbiter))) {
            nodes.start(1);
            nodes.start(2);
            nodes.await(List.of(1, 2), s -> s.quorate() && s.totalVotes() == 3 && s.deviceVotes() == 1,
                    "two nodes and the device");
            nodes.stop(2);
            QuorumStatus alone = nodes.await(List.of(1), s -> s.totalVotes() == 2, "node 1 and the device");
            assertEquals(List.of(true, 2), List.of(alone.quorate(), alone.quorum()), alone.toString());
            assertTrue(alone.flags().contains(QuorumFlag.QDEVICE));
        }
    }
}
