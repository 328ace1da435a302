package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** The one-line warning an unexpected Aeron error becomes ({@code AeronTransport.describe}). */
class AeronErrorLineTest {

    @Test
    void namesTheErrorAndEachCauseOnOneLine() {
        Throwable error = new IllegalStateException("publication closed",
                new UncheckedIOException("send failed", new SocketException("Network is unreachable")));

        assertEquals("IllegalStateException: publication closed <- UncheckedIOException: send failed"
                + " <- SocketException: Network is unreachable", AeronTransport.describe(error));
    }

    @Test
    void anErrorWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", AeronTransport.describe(new NullPointerException()));
    }

    @Test
    void aCycleOfCausesEndsAfterEightEntries() {
        IllegalStateException first = new IllegalStateException("a");
        IllegalArgumentException second = new IllegalArgumentException("b", first);
        first.initCause(second);

        String line = AeronTransport.describe(first);

        assertEquals(8, line.split(" <- ").length);
    }
}
