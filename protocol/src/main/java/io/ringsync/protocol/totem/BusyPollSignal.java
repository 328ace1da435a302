package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.totem.srp.SrpCore;
import io.ringsync.protocol.totem.srp.TotemEffect;
import io.ringsync.protocol.transport.TransportActor;
import java.util.List;

/**
 * Tells the transport to keep polling while this node's ring carries application messages
 * (see {@code transport.busy_poll}) or forms a new ring: on each message this node delivers or
 * queues, and on each membership state change, the busy
 * window is pushed to now + busy_poll, with at most one {@link TransportActor.PollUntil} per
 * quarter window, so a busy ring costs a handful of messages per second. The same signal marks
 * the ring as carrying traffic, for which the idle transport waits on its sockets instead of
 * parking (a datagram then wakes it); with busy_poll 0 the window is empty and the signal is
 * sent at most every {@value #TRAFFIC_MARK_INTERVAL_NS} ns, for that mark alone.
 *
 * <p><b>A saturated ring is not busy-polled.</b> While the ring has a backlog of
 * a full visit or more ({@link SrpCore#ringSaturated}: its visits are full, so frames keep
 * arriving anyway), the
 * window is empty, as with busy_poll 0, and the change is signalled at once, ending a window
 * in progress: on a machine whose cores the nodes share, a polling thread takes the core from
 * the threads that do the ring's work. Measured on 2 cores, 3 nodes, 1 KiB, one sender, visits
 * of 60 frames: about 210,000 msgs/s polling, about 230,000 not. Busy polling pays where the ring
 * is lightly loaded: there each hop would otherwise wait for a wake-up.
 */
final class BusyPollSignal {

    /** With an empty window: the most often the traffic mark is sent (well within the transport's 2 s). */
    static final long TRAFFIC_MARK_INTERVAL_NS = 100_000_000L;

    private final ActorRef<TransportActor.Command> transport;
    private final long busyPollNs;
    private long lastSignalNanos;
    private boolean signalled;
    private boolean lastSaturated;

    /** Signals {@code transport} for windows of {@code busyPollNs} (0: an empty window, the traffic mark only). */
    BusyPollSignal(ActorRef<TransportActor.Command> transport, long busyPollNs) {
        this.transport = transport;
        this.busyPollNs = Math.max(0, busyPollNs);
    }

    /** A message was queued or delivered at {@code nowNanos}; {@code saturated}: the ring has a backlog. */
    void onTraffic(long nowNanos, boolean saturated) {
        long window = saturated ? 0 : busyPollNs;
        long interval = window > 0 ? window / 4 : TRAFFIC_MARK_INTERVAL_NS;
        if (signalled && saturated == lastSaturated && nowNanos - lastSignalNanos < interval) {
            return;
        }
        signalled = true;
        lastSaturated = saturated;
        lastSignalNanos = nowNanos;
        transport.tell(new TransportActor.PollUntil(nowNanos + window));
    }

    /**
     * Signals when {@code effects} deliver a message or change the membership state: forming a
     * ring is a chain of round trips (joins, two rotations of the commit token, recovery), each
     * of which would otherwise wait for the peer's park to end.
     */
    void onEffects(List<TotemEffect> effects, long nowNanos, boolean saturated) {
        for (TotemEffect effect : effects) {
            if (effect instanceof TotemEffect.Deliver || effect instanceof TotemEffect.StateChanged) {
                onTraffic(nowNanos, saturated);
                return;
            }
        }
    }
}
