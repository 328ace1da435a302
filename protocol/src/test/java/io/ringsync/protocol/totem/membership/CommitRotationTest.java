package io.ringsync.protocol.totem.membership;

import static io.ringsync.protocol.totem.membership.Scripted.OLD_RING;
import static io.ringsync.protocol.totem.membership.Scripted.checked;
import static io.ringsync.protocol.totem.membership.Scripted.core;
import static io.ringsync.protocol.totem.membership.Scripted.join;
import static io.ringsync.protocol.totem.membership.Scripted.one;
import static io.ringsync.protocol.totem.membership.Scripted.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.MembershipEffect.CommitCompleted;
import io.ringsync.protocol.totem.membership.MembershipEffect.SendCommitToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.StartFirstToken;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scripted commit-token rotations 1 and 2 and the joins that break a commit (corosync.md section 1). */
class CommitRotationTest {

    private static final RingId NEW = new RingId(1, 12);
    private static final CommitToken FROM_REP = CommitToken.create(NEW, List.of(1, 2, 3))
            .fill(new MemberEntry(OLD_RING, 0, 0, true));

    private static MembershipCore gathering(int me) {
        MembershipCore core = core(me, 1, 2, 3);
        core.tokenLost(0);
        return core;
    }

    @Test
    void rotationOneFillsMyEntryEntersCommitAndForwards() {
        MembershipCore core = gathering(2);
        core.noteOrderingProgress(5, 7, 4);
        SendCommitToken sent = one(checked(core, core.onCommitToken(FROM_REP, 1)), SendCommitToken.class);
        assertEquals(3, sent.toNodeId());
        assertEquals(new MemberEntry(OLD_RING, 5, 4, false), sent.token().entries().get(1));
        assertEquals(MembershipState.COMMIT, core.state());
        assertEquals(12, core.ringSeq());
        assertEquals(List.of(), checked(core, core.onTimeout(TimerKind.JOIN, 2)));
    }

    @Test
    void rotationOneIgnoresATokenForOtherMembersOrAnOlderRing() {
        MembershipCore core = gathering(2);
        CommitToken others = CommitToken.create(NEW, List.of(1, 2)).fill(new MemberEntry(OLD_RING, 0, 0, true));
        CommitToken older = CommitToken.create(new RingId(1, 8), List.of(1, 2, 3))
                .fill(new MemberEntry(OLD_RING, 0, 0, true));
        assertEquals(List.of(), core.onCommitToken(others, 1));
        assertEquals(List.of(), core.onCommitToken(older, 1));
        assertEquals(MembershipState.GATHER, core.state());
    }

    @Test
    void rotationTwoEntersRecoveryWithTheTransitionalSetAndTheRepStartsTheFirstToken() {
        MembershipCore rep = gathering(1);
        MembershipCore two = gathering(2);
        MembershipCore three = gathering(3);
        rep.onJoin(join(2, List.of(1, 2, 3), List.of()), 1);
        CommitToken token = one(rep.onJoin(join(3, List.of(1, 2, 3), List.of()), 1), SendCommitToken.class).token();
        token = one(two.onCommitToken(token, 2), SendCommitToken.class).token();
        SendCommitToken back = one(three.onCommitToken(token, 3), SendCommitToken.class);
        assertEquals(1, back.toNodeId());
        List<MembershipEffect> effects = checked(rep, rep.onCommitToken(back.token(), 4));
        CommitCompleted completed = one(effects, CommitCompleted.class);
        assertEquals(List.of(1, 2, 3), completed.transitional());
        assertEquals(NEW, completed.newRing().ringId());
        token = one(effects, SendCommitToken.class).token();
        token = one(checked(two, two.onCommitToken(token, 5)), SendCommitToken.class).token();
        token = one(checked(three, three.onCommitToken(token, 6)), SendCommitToken.class).token();
        assertEquals(List.of(new StartFirstToken(RegularToken.initial(NEW))), rep.onCommitToken(token, 7));
        assertEquals(List.of(), rep.onCommitToken(token, 8));
        for (MembershipCore core : List.of(rep, two, three)) {
            assertEquals(MembershipState.RECOVERY, core.state());
            checked(core, core.recoveryComplete(9));
            assertEquals(completed.newRing(), core.ring());
            assertEquals(List.of(), core.failedList());
        }
    }

    @Test
    void aNodeAloneFormsItsOwnRingAtOnce() {
        MembershipCore core = MembershipCore.alone(5, Scripted.SETTINGS, new Random(1));
        List<MembershipEffect> effects = checked(core, core.start(0));
        assertEquals(List.of(5), one(effects, CommitCompleted.class).transitional());
        assertEquals(List.of(new StartFirstToken(RegularToken.initial(new RingId(5, 4)))),
                only(effects, StartFirstToken.class));
        assertEquals(List.of(), only(effects, SendCommitToken.class));
        checked(core, core.recoveryComplete(1));
        assertEquals(new RingId(5, 4), core.ring().ringId());
        assertEquals(1, core.counters().entered(MembershipState.OPERATIONAL));
    }

    @Test
    void onlyAJoinFromANewMemberAtTheNewRingSeqBreaksACommit() {
        MembershipCore core = gathering(2);
        core.onCommitToken(FROM_REP, 1);
        assertEquals(List.of(), core.onJoin(join(3, List.of(1, 2, 3), List.of()), 2));
        assertEquals(List.of(), core.onJoin(new JoinMessage(7, List.of(7), List.of(), 12), 2));
        checked(core, core.onJoin(new JoinMessage(3, List.of(1, 2, 3), List.of(1), 12), 3));
        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(1, core.counters().reason(TransitionReason.JOIN_DURING_COMMIT));
        assertEquals(List.of(1), core.failedList());
    }

    @Test
    void tokenLossInCommitReturnsToGather() {
        MembershipCore core = gathering(2);
        core.onCommitToken(FROM_REP, 1);
        checked(core, core.tokenLost(1000));
        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(1, core.counters().reason(TransitionReason.TOKEN_LOSS_IN_COMMIT));
        assertThrows(IllegalStateException.class, () -> core.recoveryComplete(1001));
    }
}
