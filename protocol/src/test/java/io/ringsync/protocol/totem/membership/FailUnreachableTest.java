package io.ringsync.protocol.totem.membership;

import static io.ringsync.protocol.totem.membership.Scripted.checked;
import static io.ringsync.protocol.totem.membership.Scripted.core;
import static io.ringsync.protocol.totem.membership.Scripted.join;
import static io.ringsync.protocol.totem.membership.Scripted.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.membership.MembershipEffect.MulticastJoin;
import io.ringsync.protocol.totem.membership.MembershipEffect.SendCommitToken;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fail-unreachable rule ({@link MembershipCore#peerReachability}): once GATHER has lasted
 * {@link MembershipCore#UNREACHABLE_GRACE_JOIN_ROUNDS} join intervals (50 ms each here), a node
 * every link to which went down is failed, unless it agreed or was heard from since; a
 * reachable one again is not.
 */
class FailUnreachableTest {

    private static final long MS = 1_000_000L;
    private static final long GRACE_MS = MembershipCore.UNREACHABLE_GRACE_JOIN_ROUNDS * 50L;

    @Test
    void anUnreachableNodeIsFailedAfterTheGraceSoTheOthersAgreeWithoutTheConsensusTimeout() {
        MembershipCore core = core(1, 1, 2, 3);
        assertEquals(List.of(), checked(core, core.peerReachability(3, false, 0)));
        assertEquals(MembershipState.OPERATIONAL, core.state());
        MulticastJoin first = one(checked(core, core.tokenLost(0)), MulticastJoin.class);
        assertEquals(List.of(), first.join().failedList(), "a live node's join may still come");

        for (long at = 50; at < GRACE_MS; at += 50) {
            MulticastJoin resent = one(checked(core, core.onTimeout(TimerKind.JOIN, at * MS)), MulticastJoin.class);
            assertEquals(List.of(), resent.join().failedList(), "within the grace, at " + at + " ms");
        }
        MulticastJoin failing = one(checked(core, core.onTimeout(TimerKind.JOIN, GRACE_MS * MS)), MulticastJoin.class);
        assertEquals(new JoinMessage(1, List.of(1, 2, 3), List.of(3), 8), failing.join());

        SendCommitToken commit = one(checked(core, core.onJoin(join(2, List.of(1, 2, 3), List.of(3)), GRACE_MS * MS + 1)),
                SendCommitToken.class);
        assertEquals(List.of(1, 2), commit.token().members());
        assertEquals(0, core.counters().reason(TransitionReason.CONSENSUS_TIMEOUT));
        assertEquals(1, core.counters().reason(TransitionReason.PEER_UNREACHABLE));
    }

    @Test
    void aReportInGatherPastTheGraceFailsTheNodeAtOnce() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));
        assertEquals(List.of(), checked(core, core.peerReachability(3, false, 10 * MS)), "within the grace");

        MulticastJoin sent = one(checked(core, core.peerReachability(1, false, GRACE_MS * MS)), MulticastJoin.class);

        assertEquals(new JoinMessage(2, List.of(1, 2, 3), List.of(1, 3), 8), sent.join());
        assertEquals(List.of(1, 3), core.unreachableList());
    }

    @Test
    void aNodeThatAlreadyAgreedIsNotFailed() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));
        checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), MS));

        assertEquals(List.of(), checked(core, core.peerReachability(3, false, GRACE_MS * MS)));
        assertEquals(List.of(), core.failedList());
        assertEquals(0, core.counters().reason(TransitionReason.PEER_UNREACHABLE));
    }

    @Test
    void aNodeHeardFromAfterTheReportIsNotFailed() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.peerReachability(3, false, 0));
        checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), MS));
        checked(core, core.onTimeout(TimerKind.JOIN, GRACE_MS * MS + MS));

        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(List.of(), core.failedList());
        assertEquals(List.of(), core.unreachableList());
    }

    @Test
    void aNodeReachableAgainIsNotFailed() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.peerReachability(3, false, 0));
        checked(core, core.peerReachability(3, true, MS));
        checked(core, core.tokenLost(2 * MS));

        MulticastJoin sent = one(checked(core, core.onTimeout(TimerKind.JOIN, GRACE_MS * MS + 2 * MS)),
                MulticastJoin.class);

        assertEquals(List.of(), sent.join().failedList());
    }

    @Test
    void aReportAboutMyselfOrANodeOutsideProcChangesNothing() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));

        assertEquals(List.of(), checked(core, core.peerReachability(2, false, GRACE_MS * MS)));
        assertEquals(List.of(), checked(core, core.peerReachability(9, false, GRACE_MS * MS)));
        assertEquals(List.of(), core.failedList());
        assertEquals(List.of(9), core.unreachableList());
    }
}
