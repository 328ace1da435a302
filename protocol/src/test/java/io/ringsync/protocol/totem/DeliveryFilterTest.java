package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which payloads each kind of filter passes, including the configuration-only NONE. */
class DeliveryFilterTest {

    @Test
    void allPassesEverythingTaggedItsTagAndNoneNothing() {
        byte[][] payloads = {{}, {0}, {2, 9}, {-1}, {-128}, {127, 1}};
        for (byte[] payload : payloads) {
            assertTrue(DeliveryFilter.ALL.accepts(payload));
            assertFalse(DeliveryFilter.NONE.accepts(payload), "NONE passed a payload starting " + (payload.length > 0 ? payload[0] : "nowhere"));
        }
        assertTrue(DeliveryFilter.tagged((byte) 2).accepts(new byte[] {2, 9}));
        assertFalse(DeliveryFilter.tagged((byte) 2).accepts(new byte[] {3}));
        assertFalse(DeliveryFilter.tagged((byte) 2).accepts(new byte[0]));
    }

    @Test
    void aTagOutsideAByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryFilter(128));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryFilter(-129));
    }
}
