package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The downcheck core's counting and log decisions, fed scripted attempts and times. */
class EndpointDowncheckTest {

    private static final String ENDPOINT = "127.0.0.2:5405 (link 0)";
    private static final String IN_USE = "Address already in use";
    private static final long SECOND = 1_000_000_000L;

    private final EndpointDowncheck downcheck = new EndpointDowncheck(2);

    @Test
    void anOpenAtTheFirstAttemptIsNeitherLoggedNorCounted() {
        assertFalse(downcheck.isOpen());
        assertEquals(Optional.empty(), downcheck.opened(0));
        assertEquals(EndpointStatus.OPENED, downcheck.status());
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        assertEquals(Optional.of("transport of node 2: cannot open 127.0.0.2:5405 (link 0): Address already in use;"
                + " the node runs alone and tries again every 200 ms (totem.downcheck)"),
                downcheck.failed(ENDPOINT, IN_USE, 200, 0));
        assertEquals(Optional.empty(), downcheck.failed(ENDPOINT, IN_USE, 200, SECOND / 5));
        assertEquals(Optional.empty(), downcheck.failed(ENDPOINT, IN_USE, 200, 2 * SECOND / 5));
        downcheck.frameDropped();
        assertEquals(new EndpointStatus(false, 3, 1, ENDPOINT + ": " + IN_USE), downcheck.status());

        assertEquals(Optional.of("transport of node 2: endpoint open after 3 failed attempts over 0.6 s"
                + " (last: 127.0.0.2:5405 (link 0): Address already in use); the node joins its peers"),
                downcheck.opened(3 * SECOND / 5));
        assertTrue(downcheck.isOpen());
        assertEquals(new EndpointStatus(true, 3, 1, ENDPOINT + ": " + IN_USE), downcheck.status(),
                "the counters and the last failure stay for the operator");
    }

    @Test
    void aChangedReasonIsLoggedAgainWithinTheOutage() {
        downcheck.failed(ENDPOINT, "Cannot assign requested address", 1000, 0);
        Optional<String> line = downcheck.failed(ENDPOINT, IN_USE, 1000, SECOND);
        assertEquals(Optional.of("transport of node 2: still cannot open 127.0.0.2:5405 (link 0): Address already in use;"
                + " the node runs alone and tries again every 1000 ms (totem.downcheck)"), line);
        assertEquals(Optional.empty(), downcheck.failed(ENDPOINT, IN_USE, 1000, 2 * SECOND));
    }

    @Test
    void aSecondOutageStartsItsOwnCountInTheLogButNotInTheCounters() {
        downcheck.failed(ENDPOINT, IN_USE, 1000, 0);
        downcheck.opened(SECOND);
        downcheck.closed();
        assertFalse(downcheck.isOpen(), "closed by a restart of the actor");
        assertTrue(downcheck.failed(ENDPOINT, IN_USE, 1000, 5 * SECOND).orElseThrow().contains(": cannot open "),
                "a new outage is logged as a first failure again");
        assertEquals(Optional.of("transport of node 2: endpoint open after 1 failed attempt over 2.0 s"
                + " (last: 127.0.0.2:5405 (link 0): Address already in use); the node joins its peers"),
                downcheck.opened(7 * SECOND));
        assertEquals(2, downcheck.status().openFailures());
    }
}
