package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BusyPollIdleStrategyTest {

    private static final long MIN_PARK_NS = 1_000;
    private static final long MAX_PARK_NS = 8_000;

    private final AtomicLong busyUntil = new AtomicLong(System.nanoTime() - 1);
    /** No warm window: every park is a plain {@code parkNanos}. */
    private final BusyPollIdleStrategy strategy = new BusyPollIdleStrategy(busyUntil::get, MIN_PARK_NS, MAX_PARK_NS,
            ns -> { }, 0);

    @Test
    void idleRoundsDoubleTheParkUpToTheMaximum() {
        for (long expected : new long[] {2_000, 4_000, 8_000, 8_000}) {
            strategy.idle(0);
            assertEquals(expected, strategy.nextParkNs());
        }
    }

    @Test
    void workOutsideTheBusyWindowKeepsTheParkLength() {
        strategy.idle(0);
        strategy.idle(0);
        strategy.idle(3);
        assertEquals(4_000, strategy.nextParkNs(), "an idle node's housekeeping frame does not restart the backoff");
    }

    @Test
    void workInsideTheBusyWindowRestartsFromTheMinimum() {
        strategy.idle(0);
        strategy.idle(0);
        busyUntil.set(System.nanoTime() + 60_000_000_000L);
        strategy.idle(0);
        assertEquals(4_000, strategy.nextParkNs(), "a busy window only yields: the park is untouched");
        strategy.idle(1);
        assertEquals(MIN_PARK_NS, strategy.nextParkNs());
    }

    @Test
    void theWarmParkServesOnlyUntilWarmNsAfterTheBusyWindow() {
        List<Long> warmParks = new ArrayList<>();
        long warmNs = 60_000_000_000L;
        BusyPollIdleStrategy warm = new BusyPollIdleStrategy(busyUntil::get, MIN_PARK_NS, MAX_PARK_NS, warmParks::add,
                warmNs);
        warm.idle(0);
        assertEquals(List.of(MIN_PARK_NS), warmParks, "just after the busy window: the socket wait");
        busyUntil.set(System.nanoTime() - warmNs - 1);
        warm.idle(0);
        assertEquals(List.of(MIN_PARK_NS), warmParks, "long after it: a plain park");
        busyUntil.set(System.nanoTime() + warmNs);
        warm.idle(0);
        assertEquals(1, warmParks.size(), "inside the busy window: neither, only a yield");
    }
}
