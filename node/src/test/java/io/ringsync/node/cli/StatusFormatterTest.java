package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of {@code cfg status}: header, ring, links. */
class StatusFormatterTest {

    private static final LinkStatusReport REPORT = new LinkStatusReport(1, "demo", List.of(
            new LinkStatus(1, "node1", 0, "127.0.0.1:5405", "127.0.0.1:5405", true, true, -1, -1, -1, 0, 0),
            new LinkStatus(2, "node2", 0, "127.0.0.1:5405", "127.0.0.2:5405", false, true, 4390, 35070, 68300, 1, 0),
            new LinkStatus(3, "node3", 0, "127.0.0.1:5405", "127.0.0.3:5405", false, false, -1, -1, -1, 1, 1)),
            Map.of());

    @Test
    void theRingStandsAboveTheLinks() {
        TotemStatus totem = new TotemStatus("1.1c", "OPERATIONAL", List.of(1, 2), 40, 5, 6, 1, Map.of(), 2, 0, 0, 0, 11);
        assertEquals("""
                Local node ID 1, cluster demo, transport aeron-udp
                Ring ID 1.1c, state OPERATIONAL, members 1 2
                LINK ID 0 udp
                \taddr\t= 127.0.0.1:5405
                \tstatus:
                \t\tnodeid   1:\tlocalhost
                \t\tnodeid   2:\tconnected (rtt min/avg/max 4.39/35.07/68.30 ms)
                \t\tnodeid   3:\tdisconnected
                """, StatusFormatter.format(REPORT, totem));
    }

    @Test
    void aTotemThatDidNotAnswerIsSaidSo() {
        assertEquals("Ring unknown (Totem did not answer; it may be restarting)",
                StatusFormatter.format(REPORT, null).lines().toList().get(1));
    }

    @Test
    void anEndpointThatIsNotOpenIsSaidUnderTheRing() {
        LinkStatusReport down = new LinkStatusReport(1, "demo", REPORT.links(),
                Map.of("endpoint.open", 0L, "endpoint.open_failures", 12L));
        assertEquals("Own endpoint not open after 12 attempts; retrying every totem.downcheck"
                        + " (reason: ringsync cmap get runtime.transport.endpoint.last_failure)",
                StatusFormatter.format(down, null).lines().toList().get(2));
        assertEquals(StatusFormatter.format(REPORT, null), StatusFormatter.format(new LinkStatusReport(1, "demo",
                REPORT.links(), Map.of("endpoint.open", 1L, "endpoint.open_failures", 12L)), null), "open: no line");
    }
}
