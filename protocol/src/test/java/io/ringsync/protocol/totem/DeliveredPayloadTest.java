package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.TotemEvent.Delivered;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** {@link Delivered}'s payload: a copy from {@code payload()}, a read-only view from {@code payloadView()}. */
class DeliveredPayloadTest {

    private final Delivered delivered = new Delivered(2, new RingId(1, 4), 9, Delivery.AGREED, new byte[] {1, 2, 3});

    @Test
    void payloadIsACopyThatTheCallerMayChange() {
        byte[] copy = delivered.payload();
        copy[0] = 42;
        assertArrayEquals(new byte[] {1, 2, 3}, delivered.payload());
        assertNotSame(delivered.payload(), delivered.payload());
    }

    @Test
    void payloadViewReadsTheSameBytesAndRefusesWrites() {
        ByteBuffer view = delivered.payloadView();
        assertTrue(view.isReadOnly());
        assertEquals(3, view.remaining());
        assertEquals(2, view.get(1));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 42));
        view.position(3);
        assertEquals(0, delivered.payloadView().position(), "each view has its own position");
    }
}
