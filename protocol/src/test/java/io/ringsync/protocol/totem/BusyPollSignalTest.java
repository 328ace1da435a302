package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.transport.TransportActor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BusyPollSignal}: a window of busy_poll per quarter window while traffic lasts; with
 * busy_poll 0 an empty window, still sent (at most every {@link BusyPollSignal#TRAFFIC_MARK_INTERVAL_NS}),
 * since it also tells the transport the ring carries traffic; a saturated ring gets the empty
 * window too, signalled at once when saturation begins and ends. Times are given, not read.
 */
class BusyPollSignalTest {

    private static final long MS = 1_000_000L;
    private final ActorTestKit kit = ActorTestKit.create("busy-poll-signal");
    private final TestProbe<TransportActor.Command> transport = kit.createTestProbe();

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    /** Traffic at {@code atMs}, and the window that must be signalled for it: until {@code untilMs}. */
    private void expectWindow(BusyPollSignal signal, long atMs, boolean saturated, long untilMs) {
        signal.onTraffic(atMs * MS, saturated);
        assertEquals(new TransportActor.PollUntil(untilMs * MS), transport.receiveMessage());
    }

    @Test
    void aWindowPerQuarterWindowWhileTrafficLasts() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 20 * MS);
        expectWindow(signal, 1_000, false, 1_020);
        signal.onTraffic(1_004 * MS, false);
        expectWindow(signal, 1_005, false, 1_025);
        transport.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void withBusyPollZeroTheEmptyWindowStillMarksTraffic() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 0);
        expectWindow(signal, 1_000, false, 1_000);
        signal.onTraffic(1_050 * MS, false);
        transport.expectNoMessage(Duration.ofMillis(100));
        expectWindow(signal, 1_100, false, 1_100);
    }

    @Test
    void aSaturatedRingEndsTheWindowAtOnceAndGetsItBackWhenTheBacklogIsGone() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 20 * MS);
        expectWindow(signal, 1_000, false, 1_020);
        expectWindow(signal, 1_001, true, 1_001);
        signal.onTraffic(1_050 * MS, true);
        transport.expectNoMessage(Duration.ofMillis(100));
        expectWindow(signal, 1_101, true, 1_101);
        expectWindow(signal, 1_102, false, 1_122);
    }
}
