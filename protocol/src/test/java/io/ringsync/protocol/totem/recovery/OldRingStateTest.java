package io.ringsync.protocol.totem.recovery;

import static io.ringsync.protocol.totem.recovery.OldRings.OLD;
import static io.ringsync.protocol.totem.recovery.OldRings.OTHER;
import static io.ringsync.protocol.totem.recovery.OldRings.agreed;
import static io.ringsync.protocol.totem.recovery.OldRings.holding;
import static io.ringsync.protocol.totem.recovery.OldRings.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.ReceiveWindow;
import io.ringsync.protocol.totem.RingConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OldRingState}: invariants, snapshot of a receive window, storing recovered messages. */
class OldRingStateTest {

    private static final RingConfiguration OLD_RING = new RingConfiguration(OLD, List.of(1, 2, 3));

    @Test
    void aStateMustHoldEverythingUndeliveredUpToItsAru() {
        assertThrows(IllegalArgumentException.class,
                () -> new OldRingState(1, OLD_RING, holding(List.of(agreed(1, 1), agreed(3, 1))), 3, 3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OldRingState(1, OLD_RING, holding(List.of(agreed(4, 1))), 0, 3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OldRingState(9, OLD_RING, holding(List.of()), 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OldRingState(1, OLD_RING, holding(List.of(message(OTHER, 1, 1, Delivery.AGREED))), 1, 1, 0));
    }

    @Test
    void theSnapshotOfAReceiveWindowKeepsItsUnreleasedMessagesAndCounters() {
        ReceiveWindow window = new ReceiveWindow(16);
        for (OrderedMessage m : List.of(agreed(1, 1), agreed(2, 2), agreed(3, 3), agreed(5, 1))) {
            window.insert(m);
        }
        window.deliver();
        window.onTokenAru(1, 1);
        OldRingState state = OldRingState.of(2, OLD_RING, window);
        assertEquals(List.of(2L, 3L, 5L), List.copyOf(state.held().keySet()));
        assertEquals(3, state.aru());
        assertEquals(5, state.highSeq());
        assertEquals(3, state.highDelivered());
    }

    @Test
    void recoveredMessagesAreStoredOncePerOldSeqAndOtherRingsAreIgnored() {
        OldRingState state = new OldRingState(1, OLD_RING, holding(List.of(agreed(2, 1), agreed(5, 3))), 2, 5, 1);
        OldRingState after = state.withRecovered(List.of(
                new RecoveredMessage(agreed(3, 2)), new RecoveredMessage(agreed(3, 2)),
                new RecoveredMessage(agreed(5, 3)), new RecoveredMessage(agreed(1, 1)),
                new RecoveredMessage(agreed(7, 2)), new RecoveredMessage(message(OTHER, 4, 4, Delivery.AGREED))));
        assertEquals(List.of(2L, 3L, 5L, 7L), List.copyOf(after.held().keySet()));
        assertEquals(3, after.aru());
        assertEquals(7, after.highSeq());
        assertEquals(1, after.highDelivered());
    }

    @Test
    void twoDifferentMessagesForOneOldSeqAreRefused() {
        OldRingState state = new OldRingState(1, OLD_RING, holding(List.of(agreed(2, 1))), 2, 2, 1);
        assertThrows(IllegalArgumentException.class,
                () -> state.withRecovered(List.of(new RecoveredMessage(agreed(2, 3)))));
    }
}
