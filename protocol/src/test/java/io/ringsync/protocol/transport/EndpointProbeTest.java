package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.crypto.FrameCrypto;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe binds what Aeron will bind: a port held by another socket is refused with the link,
 * the address and the operating system's reason (an address this host does not have is refused
 * the same way, by the same bind; it is not tested, as tests use loopback addresses only);
 * releasing the port lets the same probe pass (nothing is sent anywhere: binding only). When the
 * driver itself is refused (a socket took the port after the probe), the transport reports the
 * same {@link EndpointUnavailableException}, not Aeron's registration error.
 */
class EndpointProbeTest {

    @Test
    void aHeldPortIsRefusedAndPassesOnceReleased() throws Exception {
        LinkAddress own = TestSettings.loopbackNodes(1).get(0).links().get(0);
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(own.host(), own.port()))) {
            EndpointUnavailableException refused = assertThrows(EndpointUnavailableException.class,
                    () -> EndpointProbe.check(List.of(own)));
            assertEquals(own.hostPort() + " (link 0)", refused.endpoint());
            assertEquals("Address already in use", refused.reason());
            assertEquals("cannot open " + own.hostPort() + " (link 0): Address already in use", refused.getMessage());
            assertEquals(0, refused.getStackTrace().length, "an operator's error, not a bug: no stack trace");
        }
        assertDoesNotThrow(() -> EndpointProbe.check(List.of(own)));
    }

    @Test
    void aPortTheDriverCannotBindIsReportedAsTheEndpointUnavailable(@TempDir Path tmp) throws Exception {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(2);
        LinkAddress own = nodes.get(0).links().get(0);
        RingsyncSettings settings = TestSettings.node(1, nodes, tmp.resolve("n1"), TestSettings.FAST_LINKS);
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(own.host(), own.port()))) {
            EndpointUnavailableException refused = assertThrows(EndpointUnavailableException.class,
                    () -> new AeronTransport(settings, FrameCrypto.none(), (link, frame, nanos) -> { }, false));
            assertEquals(own.hostPort() + " (link 0)", refused.endpoint());
            assertEquals("Address already in use", refused.reason());
        }
        assertFalse(settings.system().aeronDir().toFile().exists(), "the refused transport left nothing running");
    }

    @Test
    void aSecondLinkWhosePortIsHeldIsRefusedNamingThatLink() throws Exception {
        LinkAddress first = TestSettings.loopbackNodes(1).get(0).links().get(0);
        LinkAddress second = TestSettings.loopbackNodes(2).get(1).links().get(0);
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(second.host(), second.port()))) {
            EndpointUnavailableException refused = assertThrows(EndpointUnavailableException.class,
                    () -> EndpointProbe.check(List.of(first, second)));
            assertEquals(second.hostPort() + " (link 1)", refused.endpoint());
        }
    }
}
