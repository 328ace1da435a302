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
 * The fail-unreachable rule ({@link MembershipCore#peerReachability}): a node every link to
 * which went down is failed on entering GATHER, or at once in GATHER, unless it agreed or was
 * heard from since; a reachable one again is not.
 */
class FailUnreachableTest {

    @Test
    void anUnreachableNodeIsFailedOnEnteringGatherSoTheOthersAgreeWithoutTheConsensusTimeout() {
        MembershipCore core = core(1, 1, 2, 3);
        assertEquals(List.of(), checked(core, core.peerReachability(3, false, 0)));
        assertEquals(MembershipState.OPERATIONAL, core.state());

        MulticastJoin sent = one(checked(core, core.tokenLost(1)), MulticastJoin.class);
        assertEquals(new JoinMessage(1, List.of(1, 2, 3), List.of(3), 8), sent.join());

        SendCommitToken commit = one(checked(core, core.onJoin(join(2, List.of(1, 2, 3), List.of(3)), 2)),
                SendCommitToken.class);
        assertEquals(List.of(1, 2), commit.token().members());
        assertEquals(MembershipState.COMMIT, core.state());
        assertEquals(0, core.counters().reason(TransitionReason.CONSENSUS_TIMEOUT));
    }

    @Test
    void aReportInGatherFailsTheNodeAtOnceAndGathersAgain() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));

        MulticastJoin sent = one(checked(core, core.peerReachability(3, false, 1)), MulticastJoin.class);

        assertEquals(new JoinMessage(2, List.of(1, 2, 3), List.of(3), 8), sent.join());
        assertEquals(1, core.counters().reason(TransitionReason.PEER_UNREACHABLE));
        assertEquals(List.of(3), core.unreachableList());
    }

    @Test
    void aNodeThatAlreadyAgreedIsNotFailed() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));
        checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), 1));

        assertEquals(List.of(), checked(core, core.peerReachability(3, false, 2)));
        assertEquals(List.of(), core.failedList());
        assertEquals(0, core.counters().reason(TransitionReason.PEER_UNREACHABLE));
    }

    @Test
    void aNodeHeardFromAfterTheReportIsNotFailed() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.peerReachability(3, false, 0));
        checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), 1));

        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(List.of(), core.failedList());
        assertEquals(List.of(), core.unreachableList());
    }

    @Test
    void aNodeReachableAgainIsNotFailedOnTheNextGather() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.peerReachability(3, false, 0));
        checked(core, core.peerReachability(3, true, 1));

        MulticastJoin sent = one(checked(core, core.tokenLost(2)), MulticastJoin.class);

        assertEquals(List.of(), sent.join().failedList());
    }

    @Test
    void aReportAboutMyselfOrANodeOutsideProcChangesNothing() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.tokenLost(0));

        assertEquals(List.of(), checked(core, core.peerReachability(2, false, 1)));
        assertEquals(List.of(), checked(core, core.peerReachability(9, false, 2)));
        assertEquals(List.of(), core.failedList());
        assertEquals(List.of(9), core.unreachableList());
    }
}
