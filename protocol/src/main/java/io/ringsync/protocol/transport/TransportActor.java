package io.ringsync.protocol.transport;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.BootCountException;
import io.ringsync.protocol.wire.WireFrame;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Owns a node's {@link AeronTransport}: created in setup, closed on {@link PostStop} and
 * {@link PreRestart}. Sends frames on request and fans every inbound frame out to its
 * subscribers as {@link Inbound} (records only: no flyweight crosses this boundary).
 * Subscribers are watched and dropped when they stop. Setup blocks while the media driver
 * starts (tens of milliseconds) and, with a cipher, while the authkey is loaded and the boot
 * count is advanced; an {@link AuthKeyException} or {@link BootCountException} there fails
 * the actor's setup (its one-line message is the cause to show the operator).
 */
public final class TransportActor extends AbstractBehavior<TransportActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Send, Subscribe, GetStats, FrameReceived, SubscriberStopped {
    }

    /** Encode {@code frame} and send it to {@code nodeId} on link {@code linkNumber}; the outcome is counted. */
    public record Send(int nodeId, int linkNumber, WireFrame frame) implements Command {
    }

    /** Deliver every inbound frame to {@code subscriber} from now on, until it stops. */
    public record Subscribe(ActorRef<Inbound> subscriber) implements Command {
    }

    /** Reply with a snapshot of the transport's counters. */
    public record GetStats(ActorRef<TransportStats> replyTo) implements Command {
    }

    /** A frame that arrived on this node's link {@code linkNumber} at {@code receivedNanos} (System.nanoTime). */
    public record Inbound(int linkNumber, WireFrame frame, long receivedNanos) {
    }

    private record FrameReceived(Inbound inbound) implements Command {
    }

    private record SubscriberStopped(ActorRef<Inbound> subscriber) implements Command {
    }

    private final AeronTransport transport;
    private final Set<ActorRef<Inbound>> subscribers = new LinkedHashSet<>();

    /** A transport actor for {@code settings}' node. */
    public static Behavior<Command> create(RingsyncSettings settings) {
        return Behaviors.setup(ctx -> new TransportActor(ctx, settings));
    }

    private TransportActor(ActorContext<Command> ctx, RingsyncSettings settings)
            throws AuthKeyException, BootCountException {
        super(ctx);
        ActorRef<Command> self = ctx.getSelf();
        this.transport = new AeronTransport(settings,
                (link, frame, nanos) -> self.tell(new FrameReceived(new Inbound(link, frame, nanos))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Send.class, this::onSend)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(FrameReceived.class, this::onFrameReceived)
                .onMessage(SubscriberStopped.class, this::onSubscriberStopped)
                .onSignal(PostStop.class, signal -> closeTransport())
                .onSignal(PreRestart.class, signal -> closeTransport())
                .build();
    }

    private Behavior<Command> onSend(Send send) {
        transport.send(send.nodeId(), send.linkNumber(), send.frame());
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onGetStats(GetStats get) {
        get.replyTo().tell(transport.stats());
        return this;
    }

    private Behavior<Command> onFrameReceived(FrameReceived received) {
        subscribers.forEach(s -> s.tell(received.inbound()));
        return this;
    }

    private Behavior<Command> onSubscriberStopped(SubscriberStopped stopped) {
        subscribers.remove(stopped.subscriber());
        return this;
    }

    private Behavior<Command> closeTransport() {
        transport.close();
        return this;
    }
}
