package io.ringsync.protocol.totem.membership;

import static io.ringsync.protocol.totem.membership.Scripted.checked;
import static io.ringsync.protocol.totem.membership.Scripted.core;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.RingId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What takes an OPERATIONAL node to GATHER, and what does not (corosync.md section 1, "GATHER is triggered by"). */
class OperationalTriggersTest {

    @Test
    void aStaleJoinFromAMemberIsIgnored() {
        MembershipCore core = core(2, 1, 2, 3);
        assertEquals(List.of(), checked(core, core.onJoin(new JoinMessage(3, List.of(1, 2, 3), List.of(), 4), 0)));
        assertEquals(MembershipState.OPERATIONAL, core.state());
        assertEquals(1, core.counters().joinsIgnored());
    }

    @Test
    void aJoinListingMeAsFailedIsIgnored() {
        MembershipCore core = core(2, 1, 2, 3);
        assertEquals(List.of(), core.onJoin(new JoinMessage(3, List.of(1, 2, 3), List.of(2), 8), 0));
        assertEquals(MembershipState.OPERATIONAL, core.state());
    }

    @Test
    void aJoinFromANewNodeStartsGatherWithItInProc() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.onJoin(new JoinMessage(7, List.of(7), List.of(), 0), 0));
        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(List.of(1, 2, 3, 7), core.procList());
        assertEquals(1, core.counters().reason(TransitionReason.JOIN_IN_OPERATIONAL));
    }

    @Test
    void aForeignRingMessageAddsItsSenderAndStartsGather() {
        MembershipCore core = core(2, 1, 2, 3);
        assertEquals(List.of(), core.onForeignMessage(3, core.ring().ringId(), 0));
        checked(core, core.onMergeDetect(new MergeDetect(7, new RingId(7, 4)), 0));
        assertEquals(MembershipState.GATHER, core.state());
        assertEquals(List.of(1, 2, 3, 7), core.procList());
        assertEquals(List.of(), core.onMergeDetect(new MergeDetect(7, new RingId(7, 4)), 1));
    }

    @Test
    void failedToReceiveLeavesMeAlone() {
        MembershipCore core = core(2, 1, 2, 3);
        checked(core, core.failedToReceive(0));
        assertEquals(MembershipState.RECOVERY, core.state());
        assertEquals(List.of(2), core.consensusList());
        assertEquals(List.of(1, 3), core.failedList());
    }
}
