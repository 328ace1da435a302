package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenHoldTest {

    private static final RingId RING = new RingId(1, 1);

    private static RegularToken token(long seq, long aru, List<Long> rtr) {
        return new RegularToken(RING, seq, 1, aru, aru == seq ? 0 : 2, 0, 0, false, rtr);
    }

    @Test
    void repHoldsOnlyPastSeqnoUnchangedConst() {
        TokenHold hold = new TokenHold(true, 3);
        assertFalse(hold.onForward(token(5, 5, List.of()), 0), "first visit: nothing to compare with");
        for (int visit = 1; visit <= 3; visit++) {
            assertFalse(hold.onForward(token(5, 5, List.of()), 0), "unchanged visit " + visit);
        }
        assertTrue(hold.onForward(token(5, 5, List.of()), 0), "4th unchanged visit > 3");
        assertTrue(hold.onForward(token(5, 5, List.of()), 0), "stays held while idle");
    }

    @Test
    void anyActivityResetsTheCount() {
        TokenHold hold = new TokenHold(true, 1);
        hold.onForward(token(5, 5, List.of()), 0);
        hold.onForward(token(5, 5, List.of()), 0);
        assertTrue(hold.onForward(token(5, 5, List.of()), 0));
        assertFalse(hold.onForward(token(5, 5, List.of()), 1), "something queued here");
        assertEquals(0, hold.unchangedVisits());
        hold.onForward(token(5, 5, List.of()), 0);
        assertFalse(hold.onForward(token(6, 6, List.of()), 0), "a new message in the rotation");
        assertFalse(hold.onForward(token(6, 5, List.of()), 0), "aru below seq: someone misses a message");
        assertFalse(hold.onForward(token(6, 6, List.of(6L)), 0), "retransmit requested");
        assertEquals(0, hold.unchangedVisits());
    }

    @Test
    void otherMembersNeverHold() {
        TokenHold hold = new TokenHold(false, 0);
        for (int visit = 0; visit < 10; visit++) {
            assertFalse(hold.onForward(token(5, 5, List.of()), 0));
        }
        assertEquals(9, hold.unchangedVisits());
    }
}
