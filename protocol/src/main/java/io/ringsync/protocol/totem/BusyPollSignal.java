package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.totem.srp.TotemEffect;
import io.ringsync.protocol.transport.TransportActor;
import java.util.List;

/**
 * Tells the transport to keep polling while this node's ring carries application messages
 * (see {@code transport.busy_poll}): on each message this node delivers or queues, the busy
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

    /** Signals when {@code effects} deliver a message. */
    void onEffects(List<TotemEffect> effects, long nowNanos) {
        for (TotemEffect effect : effects) {
            if (effect instanceof TotemEffect.Deliver) {
                onTraffic(nowNanos);
                return;
            }
        }
    }
}
