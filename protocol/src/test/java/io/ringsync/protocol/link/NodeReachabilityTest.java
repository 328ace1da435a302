package io.ringsync.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.link.NodeReachability.Change;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A peer is unreachable once every link to it is down after one had been up, reachable with one up. */
class NodeReachabilityTest {

    private final NodeReachability reachability = new NodeReachability();

    @Test
    void aPeerWhoseOnlyLinkGoesDownIsUnreachableUntilItComesUp() {
        assertEquals(Optional.empty(), reachability.onLinkChanged(link(3, 0, true)));

        assertEquals(Optional.of(new Change(3, false)), reachability.onLinkChanged(link(3, 0, false)));
        assertEquals(List.of(3), reachability.unreachable());

        assertEquals(Optional.of(new Change(3, true)), reachability.onLinkChanged(link(3, 0, true)));
        assertEquals(List.of(), reachability.unreachable());
    }

    @Test
    void aPeerIsUnreachableOnlyWhenItsLastLinkGoesDown() {
        reachability.onLinkChanged(link(2, 0, true));
        reachability.onLinkChanged(link(2, 1, true));

        assertEquals(Optional.empty(), reachability.onLinkChanged(link(2, 0, false)));
        assertEquals(Optional.of(new Change(2, false)), reachability.onLinkChanged(link(2, 1, false)));
        assertEquals(Optional.empty(), reachability.onLinkChanged(link(2, 1, false)));
    }

    @Test
    void aPeerNeverReachedAndOwnPseudoLinksAreNotReported() {
        assertEquals(Optional.empty(), reachability.onLinkChanged(link(4, 0, false)));
        assertEquals(Optional.empty(), reachability.onLinkChanged(new LinkStatus(1, "node1", 0, "127.0.0.1:5405",
                "127.0.0.1:5405", true, false, -1, -1, -1, 0, 0)));
        assertEquals(List.of(), reachability.unreachable());
    }

    private static LinkStatus link(int nodeId, int linkNumber, boolean up) {
        return new LinkStatus(nodeId, "node" + nodeId, linkNumber, "127.0.0.1:5405", "127.0.0." + nodeId + ":5405",
                false, up, -1, -1, -1, up ? 1 : 0, up ? 0 : 1);
    }
}
