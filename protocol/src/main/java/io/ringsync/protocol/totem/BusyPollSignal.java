package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
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
 */
final class BusyPollSignal {

    /** With busy_poll 0: the most often the traffic mark is sent (well within the transport's 2 s). */
    static final long TRAFFIC_MARK_INTERVAL_NS = 100_000_000L;

    private final ActorRef<TransportActor.Command> transport;
    private final long busyPollNs;
    private final long intervalNs;
    private long lastSignalNanos;
    private boolean signalled;

    /** Signals {@code transport} for windows of {@code busyPollNs} (0: an empty window, the traffic mark only). */
    BusyPollSignal(ActorRef<TransportActor.Command> transport, long busyPollNs) {
        this.transport = transport;
        this.busyPollNs = Math.max(0, busyPollNs);
        this.intervalNs = this.busyPollNs > 0 ? this.busyPollNs / 4 : TRAFFIC_MARK_INTERVAL_NS;
    }

    /** A message was queued at {@code nowNanos}. */
    void onTraffic(long nowNanos) {
        if (signalled && nowNanos - lastSignalNanos < intervalNs) {
            return;
        }
        signalled = true;
        lastSignalNanos = nowNanos;
        transport.tell(new TransportActor.PollUntil(nowNanos + busyPollNs));
    }

    /**
     * Signals when {@code effects} deliver a message or change the membership state: forming a
     * ring is a chain of round trips (joins, two rotations of the commit token, recovery), each
     * of which would otherwise wait for the peer's park to end.
     */
    void onEffects(List<TotemEffect> effects, long nowNanos) {
        for (TotemEffect effect : effects) {
            if (effect instanceof TotemEffect.Deliver || effect instanceof TotemEffect.StateChanged) {
                onTraffic(nowNanos);
                return;
            }
        }
    }
}
