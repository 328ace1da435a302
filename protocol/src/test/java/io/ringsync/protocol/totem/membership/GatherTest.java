package io.ringsync.protocol.totem.membership;

import static io.ringsync.protocol.totem.membership.Scripted.checked;
import static io.ringsync.protocol.totem.membership.Scripted.core;
import static io.ringsync.protocol.totem.membership.Scripted.join;
import static io.ringsync.protocol.totem.membership.Scripted.one;
import static io.ringsync.protocol.totem.membership.Scripted.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.MembershipEffect.CancelTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.MulticastJoin;
import io.ringsync.protocol.totem.membership.MembershipEffect.SendCommitToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.SetTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.StateChanged;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scripted GATHER: entering it, its triggers, consensus and the consensus timeout (corosync.md section 1). */
class GatherTest {

    @Test
    void enteringGatherArmsTheTimersAndMulticastsAJoin() {
        MembershipCore core = core(2, 1, 2, 3);
        List<MembershipEffect> effects = checked(core, core.tokenLost(0));
        assertEquals(List.of(
                new StateChanged(MembershipState.OPERATIONAL, MembershipState.GATHER,
                        TransitionReason.TOKEN_LOSS_IN_OPERATIONAL),
                new CancelTimer(TimerKind.TOKEN_LOSS),
                new SetTimer(TimerKind.JOIN, 50),
                new SetTimer(TimerKind.CONSENSUS, 1200),
                new MulticastJoin(new JoinMessage(2, List.of(1, 2, 3), List.of(), 8))), effects);
        assertEquals(List.of(2), core.consensusList());
        assertEquals(1, core.counters().entered(MembershipState.GATHER));
        assertEquals(List.of(), checked(core, core.tokenLost(1)));
    }

    @Test
    void theJoinIsResentEveryJoinInterval() {
        MembershipCore core = core(2, 1, 2, 3);
        core.tokenLost(0);
        List<MembershipEffect> effects = checked(core, core.onTimeout(TimerKind.JOIN, 50));
        assertEquals(List.of(new SetTimer(TimerKind.JOIN, 50),
                new MulticastJoin(new JoinMessage(2, List.of(1, 2, 3), List.of(), 8))), effects);
    }

    @Test
    void theFirstJoinWaitsARandomSendJoinDelay() {
        MembershipSettings settings = new MembershipSettings(50, 80, 1200, 1000);
        MembershipCore core = new MembershipCore(2, core(2, 1, 2).ring(), settings, new Random(3));
        List<MembershipEffect> effects = checked(core, core.tokenLost(0));
        SetTimer delay = only(effects, SetTimer.class).stream().filter(t -> t.kind() == TimerKind.SEND_JOIN)
                .findFirst().orElseThrow();
        assertTrue(delay.delayMs() >= 0 && delay.delayMs() <= 80, "delay " + delay);
        assertEquals(List.of(), only(effects, MulticastJoin.class));
        one(checked(core, core.onTimeout(TimerKind.SEND_JOIN, delay.delayMs())), MulticastJoin.class);
    }

    @Test
    void theLowestNodeCreatesTheCommitTokenWithRingSeqPlusFour() {
        MembershipCore core = core(1, 1, 2, 3);
        core.tokenLost(0);
        assertEquals(List.of(), checked(core, core.onJoin(join(2, List.of(1, 2, 3), List.of()), 1)));
        SendCommitToken sent = one(checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), 2)),
                SendCommitToken.class);
        assertEquals(2, sent.toNodeId());
        assertEquals(new RingId(1, 12), sent.token().newRingId());
        assertEquals(List.of(1, 2, 3), sent.token().members());
        assertEquals(1, sent.token().membIndex());
        assertEquals(MembershipState.COMMIT, core.state());
        assertEquals(1, core.counters().commitTokensCreated());
    }

    @Test
    void theNewRingSeqIsFourAboveTheHighestSeen() {
        MembershipCore core = core(1, 1, 2);
        core.tokenLost(0);
        checked(core, core.onJoin(new JoinMessage(4, List.of(4), List.of(), 20), 1));
        assertEquals(List.of(1, 2, 4), core.procList());
        core.onJoin(join(2, List.of(1, 2, 4), List.of()), 2);
        SendCommitToken sent = one(core.onJoin(new JoinMessage(4, List.of(1, 2, 4), List.of(), 20), 3),
                SendCommitToken.class);
        assertEquals(new RingId(1, 24), sent.token().newRingId());
    }

    @Test
    void aNodeThatIsNotTheLowestWaitsForTheCommitToken() {
        MembershipCore core = core(2, 1, 2, 3);
        core.tokenLost(0);
        core.onJoin(join(1, List.of(1, 2, 3), List.of()), 1);
        assertEquals(List.of(), checked(core, core.onJoin(join(3, List.of(1, 2, 3), List.of()), 2)));
        assertEquals(List.of(1, 2, 3), core.consensusList());
        assertEquals(MembershipState.GATHER, core.state());
    }

    @Test
    void aConsensusTimeoutFailsTheSilentNodesAndRegathers() {
        MembershipCore core = core(1, 1, 2, 3);
        core.tokenLost(0);
        core.onJoin(join(2, List.of(1, 2, 3), List.of()), 1);
        List<MembershipEffect> effects = checked(core, core.onTimeout(TimerKind.CONSENSUS, 1200));
        assertEquals(new StateChanged(MembershipState.GATHER, MembershipState.GATHER,
                TransitionReason.CONSENSUS_TIMEOUT), effects.get(0));
        assertEquals(List.of(3), one(effects, MulticastJoin.class).join().failedList());
        assertEquals(1, core.counters().consensusTimeouts());
        SendCommitToken sent = one(core.onJoin(join(2, List.of(1, 2, 3), List.of(3)), 1201), SendCommitToken.class);
        assertEquals(List.of(1, 2), sent.token().members());
    }

    @Test
    void aTimeoutAfterAgreementOnlyResetsConsensus() {
        MembershipCore core = core(2, 1, 2);
        core.tokenLost(0);
        core.onJoin(join(1, List.of(1, 2), List.of()), 1);
        List<MembershipEffect> effects = checked(core, core.onTimeout(TimerKind.CONSENSUS, 1200));
        assertEquals(List.of(new SetTimer(TimerKind.CONSENSUS, 1200)), effects);
        assertEquals(List.of(2), core.consensusList());
        assertEquals(List.of(), core.failedList());
    }

    @Test
    void moreThanThreeConsensusTimeoutsInARowCountAsContinuousGather() {
        MembershipCore core = core(5, 2, 5);
        core.tokenLost(0);
        for (int newcomer = 10; newcomer < 14; newcomer++) {
            checked(core, core.onJoin(new JoinMessage(newcomer, List.of(newcomer), List.of(), 0), newcomer));
            core.onJoin(join(2, core.procList(), core.failedList()), newcomer);
            checked(core, core.onTimeout(TimerKind.CONSENSUS, newcomer));
        }
        assertEquals(List.of(10, 11, 12, 13), core.failedList());
        assertEquals(4, core.counters().consensusTimeouts());
        assertEquals(1, core.counters().continuousGather());
    }
}
