package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FlowControl} with Corosync's defaults max_messages 17 and window_size 50. */
class FlowControlTest {

    private static RegularToken token(long fcc, long backlog) {
        return new RegularToken(ReceiveWindowTest.RING, 0, 1, 0, 0, backlog, fcc, false, List.of());
    }

    @Test
    void allowedIsMaxMessagesCappedByWhatTheRotationHasLeft() {
        FlowControl flow = new FlowControl(17, 50);
        assertEquals(17, flow.allowed(token(0, 0), 0));
        assertEquals(17, flow.allowed(token(33, 0), 0));
        assertEquals(10, flow.allowed(token(40, 0), 0));
        assertEquals(0, flow.allowed(token(50, 0), 0));
        assertEquals(0, flow.allowed(token(60, 0), 0), "never negative");
    }

    @Test
    void fccAndBacklogReplaceThisNodesPreviousContribution() {
        FlowControl flow = new FlowControl(17, 50);
        RegularToken first = token(20, 30);
        flow.allowed(first, 12);
        assertEquals(20 + 17, flow.newFcc(first, 17));
        assertEquals(30 + 12, flow.newBacklog(first));
        RegularToken second = token(37, 42);
        flow.allowed(second, 4);
        assertEquals(37 + 5 - 17, flow.newFcc(second, 5));
        assertEquals(42 + 4 - 12, flow.newBacklog(second));
    }

    @Test
    void withABacklogANodeGetsAShareProportionalToItsPreviousBacklog() {
        FlowControl flow = new FlowControl(17, 50);
        RegularToken first = token(0, 0);
        flow.allowed(first, 10);
        flow.newFcc(first, 0);
        flow.newBacklog(first);
        // ring backlog 90 (mine 10 before, others 80): share = 50 * 10 / (90 + 10 - 10) = 5
        assertEquals(5, flow.allowed(token(0, 90), 10));
    }

    @Test
    void aZeroShareIsIgnored() {
        FlowControl flow = new FlowControl(17, 50);
        // no previous backlog of mine: 50 * 0 / 100 = 0, ignored as in Corosync
        assertEquals(17, flow.allowed(token(0, 100), 3));
    }
}
