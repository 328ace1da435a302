package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TransitionReason;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.TotemEffect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The INFO lines of the Totem driver, as an operator reads them. */
class TotemLogFormatTest {

    private static String line(MembershipState from, MembershipState to, TransitionReason reason) {
        return TotemLogFormat.stateChanged(new TotemEffect.StateChanged(from, to, reason), 300, 360);
    }

    @Test
    void tokenLossAndFailedToReceiveSayWhatHappenedFirst() {
        assertEquals("A processor failed, forming new configuration: token timed out (300 ms), waiting 360 ms for"
                        + " consensus; entering GATHER state from OPERATIONAL (The token was lost in the OPERATIONAL state.)",
                line(MembershipState.OPERATIONAL, MembershipState.GATHER, TransitionReason.TOKEN_LOSS_IN_OPERATIONAL));
        assertEquals("FAILED TO RECEIVE: a message stayed missing for fail_recv_const token visits, forming a new"
                        + " configuration; entering GATHER state from OPERATIONAL (failed to receive)",
                line(MembershipState.OPERATIONAL, MembershipState.GATHER, TransitionReason.FAILED_TO_RECEIVE));
    }

    @Test
    void otherChangesNameBothStatesAndTheReason() {
        assertEquals("entering GATHER state from OPERATIONAL (foreign message in operational state)",
                line(MembershipState.OPERATIONAL, MembershipState.GATHER, TransitionReason.FOREIGN_MESSAGE));
        assertEquals("entering COMMIT state from GATHER (commit token, first rotation)",
                line(MembershipState.GATHER, MembershipState.COMMIT, TransitionReason.COMMIT_TOKEN_ROTATION_1));
        assertEquals("entering OPERATIONAL state from RECOVERY (recovery complete)",
                line(MembershipState.RECOVERY, MembershipState.OPERATIONAL, TransitionReason.RECOVERY_COMPLETE));
    }

    @Test
    void aRegularConfigurationIsANewMembershipLine() {
        assertEquals("A new membership (1.1c) was formed. Members joined: 2 3 left:",
                TotemLogFormat.newMembership(new TotemEffect.ConfigurationChange(ConfigurationKind.REGULAR,
                        new RingId(1, 0x1c), List.of(1, 2, 3), List.of(), List.of(2, 3))));
        assertEquals("A new membership (2.20) was formed. Members joined: left: 1 4",
                TotemLogFormat.newMembership(new TotemEffect.ConfigurationChange(ConfigurationKind.REGULAR,
                        new RingId(2, 0x20), List.of(2, 3), List.of(1, 4), List.of())));
    }
}
