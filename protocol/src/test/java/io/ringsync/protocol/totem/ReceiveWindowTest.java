package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.ReceiveWindow.InsertResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted inputs to {@link ReceiveWindow}: agreed and safe delivery, freeing, bounds. */
class ReceiveWindowTest {

    static final RingId RING = new RingId(1, 4);

    static OrderedMessage msg(long seq, int sender, Delivery delivery) {
        return new OrderedMessage(RING, seq, sender, delivery, new byte[] {(byte) seq});
    }

    private static List<Long> seqs(List<OrderedMessage> messages) {
        return messages.stream().map(OrderedMessage::seq).toList();
    }

    @Test
    void agreedDeliveryStopsAtTheFirstGapAndResumesWhenItFills() {
        ReceiveWindow window = new ReceiveWindow(64);
        window.insert(msg(1, 2, Delivery.AGREED));
        window.insert(msg(2, 1, Delivery.AGREED));  // own message: delivered like any other
        window.insert(msg(4, 3, Delivery.AGREED));
        assertEquals(List.of(1L, 2L), seqs(window.deliver()));
        assertEquals(2, window.myAru());
        assertEquals(4, window.highestSeen());
        assertEquals(List.of(3L), window.missing());
        window.insert(msg(3, 3, Delivery.AGREED));
        assertEquals(List.of(3L, 4L), seqs(window.deliver()));
        assertEquals(4, window.myAru());
        window.checkInvariants();
    }

    @Test
    void safeWaitsForTheAruSeenOnTwoVisitsAndBlocksLaterAgreedOnes() {
        ReceiveWindow window = new ReceiveWindow(64);
        window.insert(msg(1, 2, Delivery.AGREED));
        window.insert(msg(2, 2, Delivery.SAFE));
        window.insert(msg(3, 3, Delivery.AGREED));
        assertEquals(List.of(1L), seqs(window.deliver()), "SAFE 2 waits and holds back AGREED 3");
        window.onTokenAru(3, 0);
        assertEquals(List.of(), window.deliver(), "aru 3 seen once is not enough");
        window.onTokenAru(3, 3);
        assertEquals(List.of(2L, 3L), seqs(window.deliver()));
        window.checkInvariants();
    }

    @Test
    void safeNeedsTheMinimumOfBothVisitsAruAtLeastItsSeq() {
        ReceiveWindow window = new ReceiveWindow(64);
        window.insert(msg(1, 2, Delivery.SAFE));
        window.insert(msg(2, 2, Delivery.SAFE));
        window.onTokenAru(2, 1);
        assertEquals(List.of(1L), seqs(window.deliver()));
        window.onTokenAru(2, 2);
        assertEquals(List.of(2L), seqs(window.deliver()));
    }

    @Test
    void freesUpToTheMinimumOfBothArusAndTheHighestDelivered() {
        ReceiveWindow window = new ReceiveWindow(64);
        for (long seq = 1; seq <= 6; seq++) {
            window.insert(msg(seq, 2, seq == 5 ? Delivery.SAFE : Delivery.AGREED));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs(window.deliver()));
        assertEquals(2, window.onTokenAru(6, 2), "min(6, 2, 4) = 2");
        assertEquals(2, window.released());
        assertNull(window.get(2));
        assertTrue(window.received(2));
        assertEquals(2, window.onTokenAru(6, 6), "min(6, 6, delivered 4) = 4");
        assertNotNull(window.get(5));
        assertEquals(List.of(5L, 6L), seqs(window.deliver()));
        assertEquals(2, window.onTokenAru(6, 6));
        assertEquals(6, window.released());
        window.checkInvariants();
    }

    @Test
    void duplicatesAreIgnoredAndCountedWhetherHeldOrReleased() {
        ReceiveWindow window = new ReceiveWindow(64);
        assertEquals(InsertResult.STORED, window.insert(msg(1, 2, Delivery.AGREED)));
        assertEquals(InsertResult.DUPLICATE, window.insert(msg(1, 2, Delivery.AGREED)));
        window.deliver();
        window.onTokenAru(1, 1);
        assertEquals(InsertResult.DUPLICATE, window.insert(msg(1, 2, Delivery.AGREED)));
        assertEquals(2, window.duplicates());
        assertEquals(List.of(), window.deliver());
    }

    @Test
    void aSeqBeyondTheWindowIsRefusedAndAcceptedOnceTheWindowMoves() {
        ReceiveWindow window = new ReceiveWindow(4);
        assertEquals(InsertResult.OUT_OF_WINDOW, window.insert(msg(5, 2, Delivery.AGREED)));
        assertEquals(1, window.outOfWindow());
        window.insert(msg(1, 2, Delivery.AGREED));
        window.deliver();
        window.onTokenAru(1, 1);
        assertEquals(5, window.limit());
        assertEquals(InsertResult.STORED, window.insert(msg(5, 2, Delivery.AGREED)));
        assertEquals(List.of(2L, 3L, 4L), window.missing());
        window.checkInvariants();
    }

    @Test
    void missCountsGrowPerVisitAndResetWhenTheSlotIsReused() {
        ReceiveWindow window = new ReceiveWindow(4);
        window.insert(msg(2, 2, Delivery.AGREED));
        assertEquals(1, window.countMiss(1));
        assertEquals(2, window.countMiss(1));
        window.insert(msg(1, 2, Delivery.AGREED));
        window.deliver();
        window.onTokenAru(2, 2);
        assertEquals(1, window.countMiss(5), "seq 5 reuses seq 1's slot with a fresh count");
    }
}
