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

    @Test
    void aWindowPerQuarterWindowWhileTrafficLasts() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 20 * MS);
        signal.onTraffic(1_000 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_020 * MS), transport.receiveMessage());
        signal.onTraffic(1_004 * MS, false);
        signal.onTraffic(1_005 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_025 * MS), transport.receiveMessage());
        transport.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void withBusyPollZeroTheEmptyWindowStillMarksTraffic() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 0);
        signal.onTraffic(1_000 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_000 * MS), transport.receiveMessage());
        signal.onTraffic(1_050 * MS, false);
        transport.expectNoMessage(Duration.ofMillis(100));
        signal.onTraffic(1_100 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_100 * MS), transport.receiveMessage());
    }

    @Test
    void aSaturatedRingEndsTheWindowAtOnceAndGetsItBackWhenTheBacklogIsGone() {
        BusyPollSignal signal = new BusyPollSignal(transport.ref(), 20 * MS);
        signal.onTraffic(1_000 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_020 * MS), transport.receiveMessage());
        signal.onTraffic(1_001 * MS, true);
        assertEquals(new TransportActor.PollUntil(1_001 * MS), transport.receiveMessage());
        signal.onTraffic(1_050 * MS, true);
        transport.expectNoMessage(Duration.ofMillis(100));
        signal.onTraffic(1_101 * MS, true);
        assertEquals(new TransportActor.PollUntil(1_101 * MS), transport.receiveMessage());
        signal.onTraffic(1_102 * MS, false);
        assertEquals(new TransportActor.PollUntil(1_122 * MS), transport.receiveMessage());
    }
}
