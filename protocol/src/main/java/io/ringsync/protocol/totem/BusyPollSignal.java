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
 * quarter window, so a busy ring costs a handful of messages per second.
 */
final class BusyPollSignal {

    private final ActorRef<TransportActor.Command> transport;
    private final long busyPollNs;
    private long lastSignalNanos;
    private boolean signalled;

    /** Signals {@code transport} for windows of {@code busyPollNs} (0: never). */
    BusyPollSignal(ActorRef<TransportActor.Command> transport, long busyPollNs) {
        this.transport = transport;
        this.busyPollNs = busyPollNs;
    }

    /** A message was queued at {@code nowNanos}. */
    void onTraffic(long nowNanos) {
        if (busyPollNs <= 0 || (signalled && nowNanos - lastSignalNanos < busyPollNs / 4)) {
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
