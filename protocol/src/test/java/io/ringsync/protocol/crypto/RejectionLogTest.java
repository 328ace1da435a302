package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectionLogTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long INTERVAL = 10 * SECOND;

    private final RejectionLog<String> log = new RejectionLog<>(INTERVAL, 4, "other peers");

    @Test
    void theFirstRejectionIsLoggedAtOnceThenOnlyCounted() {
        Optional<RejectionLog.Line<String>> first = log.record("10.0.0.5:5405", Rejection.UNKNOWN_KEY, 0);
        assertEquals(Optional.of(new RejectionLog.Line<>("10.0.0.5:5405", Rejection.UNKNOWN_KEY, 1, 0, true)), first);
        for (int i = 1; i < 1000; i++) {
            assertEquals(Optional.empty(), log.record("10.0.0.5:5405", Rejection.UNKNOWN_KEY, i * 1_000_000L));
        }
        assertEquals(999, log.pending("10.0.0.5:5405", Rejection.UNKNOWN_KEY));
    }

    @Test
    void afterAnIntervalTheNextRejectionLogsTheCount() {
        log.record("a", Rejection.BAD_TAG, 0);
        log.record("a", Rejection.BAD_TAG, SECOND);
        log.record("a", Rejection.BAD_TAG, 2 * SECOND);
        Optional<RejectionLog.Line<String>> line = log.record("a", Rejection.BAD_TAG, 12 * SECOND);
        assertEquals(Optional.of(new RejectionLog.Line<>("a", Rejection.BAD_TAG, 3, 12 * SECOND, false)), line);
        assertEquals(0, log.pending("a", Rejection.BAD_TAG));
        assertEquals(Optional.empty(), log.record("a", Rejection.BAD_TAG, 13 * SECOND));
    }

    @Test
    void dueFlushesHeldBackCountsAndForgetsIdlePeers() {
        log.record("a", Rejection.REPLAYED, 0);
        log.record("a", Rejection.REPLAYED, SECOND);
        log.record("b", Rejection.REPLAYED, 0);
        assertEquals(List.of(), log.due(5 * SECOND));
        assertEquals(List.of(new RejectionLog.Line<>("a", Rejection.REPLAYED, 1, 10 * SECOND, false)), log.due(10 * SECOND));
        assertEquals(List.of(), log.due(20 * SECOND));
        assertTrue(log.record("b", Rejection.REPLAYED, 21 * SECOND).orElseThrow().first(), "b was forgotten");
    }

    @Test
    void eachReasonOfAPeerIsReportedSeparately() {
        assertTrue(log.record("a", Rejection.UNKNOWN_KEY, 0).isPresent());
        assertTrue(log.record("a", Rejection.BAD_TAG, 0).isPresent());
        assertTrue(log.record("b", Rejection.BAD_TAG, 0).isPresent());
    }

    @Test
    void peersBeyondTheTableAreCountedTogether() {
        for (String peer : List.of("p1", "p2", "p3", "p4")) {
            log.record(peer, Rejection.BAD_TAG, 0);
        }
        assertEquals("other peers", log.record("p5", Rejection.BAD_TAG, 0).orElseThrow().peer());
        assertEquals(Optional.empty(), log.record("p6", Rejection.BAD_TAG, 0));
        assertEquals(1, log.pending("other peers", Rejection.BAD_TAG));
    }

    @Test
    void linesReadAsOneSentence() {
        assertEquals("dropped a frame from 10.0.0.5:5405: sealed with an authkey this node does not hold [UNKNOWN_KEY];"
                + " repeats are logged with a count",
                new RejectionLog.Line<>("10.0.0.5:5405", Rejection.UNKNOWN_KEY, 1, 0, true).message());
        assertEquals("dropped 42 frames from node 3 in the last 10.5 s: replayed (counter already seen or older than"
                + " the window) [REPLAYED]",
                new RejectionLog.Line<>("node 3", Rejection.REPLAYED, 42, 10_500_000_000L, false).message());
    }
}
