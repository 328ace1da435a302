package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.OrderingEffect.Deliver;
import io.ringsync.protocol.totem.OrderingEffect.FailedToReceive;
import io.ringsync.protocol.totem.OrderingEffect.ForwardToken;
import io.ringsync.protocol.totem.OrderingEffect.Multicast;
import io.ringsync.protocol.totem.OrderingEffect.Retransmit;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Scripted token visits to one {@link OrderingCore} (corosync.md section 1, steps 3 to 9). */
class OrderingCoreTest {

    private static final RingId RING = ReceiveWindowTest.RING;
    private static final RingConfiguration THREE = new RingConfiguration(RING, List.of(2, 5, 9));

    private static OrderingCore core(int nodeId) {
        return new OrderingCore(nodeId, THREE, OrderingSettings.corosyncDefaults());
    }

    private static RegularToken token(long tokenSeq, long seq, long aru, int aruNodeId, List<Long> rtr) {
        return new RegularToken(RING, seq, tokenSeq, aru, aruNodeId, 0, 0, false, rtr);
    }

    private static ForwardToken forwarded(List<OrderingEffect> effects) {
        return effects.stream().filter(ForwardToken.class::isInstance).map(ForwardToken.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no forward in " + effects));
    }

    private static <T> List<T> only(List<OrderingEffect> effects, Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void enqueue(OrderingCore core, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(core.enqueue(Delivery.AGREED, new byte[] {(byte) i}));
        }
    }

    @Test
    void theSuccessorIsTheNextNodeIdWrappingToTheLowest() {
        assertEquals(5, forwarded(core(2).onToken(RegularToken.initial(RING), 0)).toNodeId());
        assertEquals(9, forwarded(core(5).onToken(RegularToken.initial(RING), 0)).toNodeId());
        assertEquals(2, forwarded(core(9).onToken(RegularToken.initial(RING), 0)).toNodeId());
    }

    @Test
    void duplicateAndForeignTokensAreDropped() {
        OrderingCore core = core(2);
        assertEquals(1, forwarded(core.onToken(token(0, 0, 0, 0, List.of()), 0)).token().tokenSeq());
        assertEquals(List.of(), core.onToken(token(0, 0, 0, 0, List.of()), 0));
        assertFalse(core.onToken(token(3, 0, 0, 0, List.of()), 0).isEmpty());
        assertEquals(List.of(), core.onToken(token(2, 0, 0, 0, List.of()), 0));
        RegularToken foreign = new RegularToken(new RingId(1, 8), 0, 9, 0, 0, 0, 0, false, List.of());
        assertEquals(List.of(), core.onToken(foreign, 0));
        assertEquals(2, core.counters().tokensDuplicate());
        assertEquals(1, core.counters().tokensForeign());
        assertEquals(2, core.counters().tokensReceived());
    }

    @Test
    void originatesUpToMaxMessagesThenForwardsThenDelivers() {
        OrderingCore core = core(5);
        enqueue(core, 20);
        List<OrderingEffect> effects = core.onToken(token(7, 0, 0, 0, List.of()), 0);
        List<Multicast> sent = only(effects, Multicast.class);
        assertEquals(LongStream.rangeClosed(1, 17).boxed().toList(), sent.stream().map(m -> m.message().seq()).toList());
        assertEquals(17, effects.indexOf(forwarded(effects)), "forward after the multicasts, before delivery");
        assertEquals(17, only(effects, Deliver.class).size(), "own messages are delivered");
        RegularToken next = forwarded(effects).token();
        assertEquals(17, next.seq());
        assertEquals(8, next.tokenSeq());
        assertEquals(17, next.fcc());
        assertEquals(20, next.backlog(), "backlog measured before sending");
        assertEquals(17, next.aru());
        assertEquals(0, next.aruNodeId(), "aru == seq: nobody holds it down");
        assertEquals(3, core.queued());
    }

    @Test
    void aLowAruIsSetToMineAndOnlyTheHolderRaisesIt() {
        OrderingCore core = core(9);
        RegularToken lowered = forwarded(core.onToken(token(0, 5, 5, 0, List.of()), 0)).token();
        assertEquals(0, lowered.aru());
        assertEquals(9, lowered.aruNodeId());
        core.onMulticast(ReceiveWindowTest.msg(1, 2, Delivery.AGREED), 0);
        core.onMulticast(ReceiveWindowTest.msg(2, 2, Delivery.AGREED), 0);
        RegularToken heldByOther = forwarded(core.onToken(token(1, 5, 1, 5, List.of()), 0)).token();
        assertEquals(1, heldByOther.aru(), "my aru 2 is not below 1 and node 5 holds it: unchanged");
        assertEquals(5, heldByOther.aruNodeId());
        RegularToken raised = forwarded(core.onToken(token(2, 5, 0, 9, List.of()), 0)).token();
        assertEquals(2, raised.aru(), "I held it down, so I raise it to my aru");
        assertEquals(9, raised.aruNodeId());
    }

    @Test
    void aSeqMissingForMissCountConstVisitsIsRequestedOnce() {
        OrderingCore core = core(2);
        core.onMulticast(ReceiveWindowTest.msg(3, 5, Delivery.AGREED), 0);
        for (int visit = 0; visit < 4; visit++) {
            assertEquals(List.of(), forwarded(core.onToken(token(visit, 3, 0, 5, List.of()), 0)).token().rtrList());
        }
        assertEquals(List.of(1L, 2L), forwarded(core.onToken(token(4, 3, 0, 5, List.of()), 0)).token().rtrList());
        assertEquals(List.of(2L, 1L), forwarded(core.onToken(token(5, 3, 0, 5, List.of(2L)), 0)).token().rtrList(),
                "a seq already listed is not added twice");
    }

    @Test
    void theRtrListIsCappedAtThirty() {
        OrderingCore core = core(2);
        RegularToken next = null;
        for (int visit = 0; visit < 5; visit++) {
            next = forwarded(core.onToken(token(visit, 100, 0, 5, List.of()), 0)).token();
        }
        assertEquals(RegularToken.MAX_RTR_ENTRIES, next.rtrList().size());
        assertEquals(30L, next.rtrList().get(29));
    }

    @Test
    void heldRtrEntriesAreRetransmittedRemovedAndUseAllowedSlots() {
        OrderingCore core = core(5);
        enqueue(core, 3);
        core.onToken(token(0, 0, 0, 0, List.of()), 0);
        enqueue(core, 20);
        List<OrderingEffect> effects = core.onToken(token(1, 3, 0, 9, List.of(2L, 7L, 3L)), 0);
        assertEquals(List.of(2L, 3L), only(effects, Retransmit.class).stream().map(r -> r.message().seq()).toList());
        // backlog cap: allowed = 50 × my previous backlog 3 / (0 + 20 − 3) = 8, of which 2 retransmitted
        assertEquals(6, only(effects, Multicast.class).size());
        RegularToken next = forwarded(effects).token();
        assertEquals(List.of(7L), next.rtrList());
        assertEquals(9, next.seq());
        assertEquals(2, core.counters().mcastRetx());
    }

    @Test
    void nothingNewIsSentWhenTheReceiveWindowCouldOverflow() {
        OrderingCore core = new OrderingCore(2, THREE, new OrderingSettings(17, 50, 5, 2500, 64, 100));
        enqueue(core, 5);
        List<OrderingEffect> effects = core.onToken(token(0, 50, 0, 5, List.of()), 0);
        assertEquals(List.of(), only(effects, Multicast.class), "released 0 + 64 < seq 50 + allowed 17");
        assertEquals(5, core.queued());
    }

    @Test
    void aFullOriginateQueueRefuses() {
        OrderingCore core = new OrderingCore(2, THREE, new OrderingSettings(17, 50, 5, 2500, 64, 2));
        enqueue(core, 2);
        assertFalse(core.enqueue(Delivery.SAFE, new byte[0]));
        assertEquals(1, core.counters().originateRefused());
    }

    @Test
    void anAruStuckOnMeForMoreThanFailRecvConstVisitsIsFailedToReceive() {
        OrderingCore core = new OrderingCore(2, THREE, new OrderingSettings(17, 50, 5, 2, 64, 10));
        for (int visit = 0; visit < 2; visit++) {
            assertEquals(2, forwarded(core.onToken(token(visit, 1, 0, 2, List.of()), 0)).token().aruNodeId());
        }
        List<OrderingEffect> effects = core.onToken(token(2, 1, 0, 2, List.of()), 0);
        assertInstanceOf(FailedToReceive.class, effects.get(effects.size() - 1));
        assertTrue(only(effects, ForwardToken.class).isEmpty(), "Corosync does not forward: it goes to GATHER");
        assertEquals(1, core.counters().failedToReceive());
    }

    @Test
    void theRingIsSaturatedWhileTheForwardedBacklogHoldsAFullVisit() {
        OrderingCore core = core(5);
        assertFalse(core.saturated(), "no visit yet");
        enqueue(core, 1);
        RegularToken token = forwarded(core.onToken(token(0, 0, 0, 0, List.of()), 0)).token();
        assertEquals(1, token.backlog());
        assertFalse(core.saturated(), "one message queued is a backlog of 1, below max_messages 17");
        enqueue(core, 60);
        int saturatedVisits = 0;
        for (int visit = 0; visit < 40 && core.queued() > 0; visit++) {
            token = forwarded(core.onToken(token, 0)).token();
            assertEquals(token.backlog() >= 17, core.saturated(), "visit " + visit + ", backlog " + token.backlog());
            saturatedVisits += core.saturated() ? 1 : 0;
        }
        assertEquals(0, core.queued());
        assertTrue(saturatedVisits > 0, "60 queued is more than a visit");
        token = forwarded(core.onToken(token, 0)).token();
        assertFalse(core.saturated(), "nothing waits, backlog " + token.backlog());
    }
}
