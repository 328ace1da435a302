package io.ringsync.node.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link BenchReceiver}'s start barrier: each other node's first READY asks for an answer (that
 * node may have subscribed after this node's READY went by), a repeated one does not, and the
 * barrier holds until every member's READY was delivered.
 */
class BenchReceiverTest {

    private static final RingId RING = new RingId(1, 12);
    private final BenchReceiver receiver = new BenchReceiver(1, 3, new OwnDeliveries());
    private long seq;

    @Test
    void aFirstReadyFromAnotherNodeIsAnsweredOnce() throws InterruptedException {
        ready(1);
        assertFalse(receiver.awaitReadyAnswerDue(3, Duration.ZERO), "this node's own READY needs no answer");
        ready(2);
        assertTrue(receiver.awaitReadyAnswerDue(3, Duration.ZERO));
        assertFalse(receiver.awaitReadyAnswerDue(3, Duration.ZERO), "answered already");
        ready(2);
        assertFalse(receiver.awaitReadyAnswerDue(3, Duration.ZERO), "a repeated READY asks for nothing");
        assertFalse(receiver.awaitMarkers(BenchPayload.Kind.READY, 3, Duration.ZERO), "node 3 is not ready");
        ready(3);
        assertTrue(receiver.awaitMarkers(BenchPayload.Kind.READY, 3, Duration.ZERO));
        assertTrue(receiver.awaitReadyAnswerDue(3, Duration.ZERO), "the last one is answered too");
    }

    @Test
    void doneMarkersAskForNoAnswer() throws InterruptedException {
        receiver.accept(delivered(2, BenchPayload.marker(BenchPayload.Kind.DONE, 2)));
        assertFalse(receiver.awaitReadyAnswerDue(3, Duration.ZERO));
        assertTrue(receiver.awaitMarkers(BenchPayload.Kind.DONE, 1, Duration.ZERO));
    }

    private void ready(int node) {
        receiver.accept(delivered(node, BenchPayload.marker(BenchPayload.Kind.READY, node)));
    }

    private Delivered delivered(int sender, byte[] payload) {
        return new Delivered(sender, RING, ++seq, Delivery.AGREED, payload);
    }
}
