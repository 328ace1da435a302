package io.ringsync.protocol.transport;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.BootCountException;
import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultStatus;
import io.ringsync.protocol.wire.WireFrame;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a node's {@link AeronTransport}: created in setup, closed on {@link PostStop} and
 * {@link PreRestart}. Sends frames on request and fans every inbound frame out to its
 * subscribers as {@link Inbound} (records only: no flyweight crosses this boundary), straight
 * from the transport thread.
 * Subscribers are watched and dropped when they stop. Setup blocks while the media driver
 * starts (tens of milliseconds) and, with a cipher, while the authkey is loaded and the boot
 * count is advanced; an {@link AuthKeyException} or {@link BootCountException} there fails
 * the actor's setup (its one-line message is the cause to show the operator).
 *
 * <p>With {@code transport.fault_injection}, {@link ChangeFaults} cuts the network to or from
 * chosen peers, heals it, or disturbs inbound frames at random (see
 * {@link io.ringsync.protocol.transport.fault.FaultFilter}); without it, {@link ChangeFaults} and
 * {@link GetFaults} are answered with a refusal. A restarted transport starts without faults.
 */
public final class TransportActor extends AbstractBehavior<TransportActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Send, Subscribe, GetStats, PollUntil, GetSender, ChangeFaults, GetFaults,
            ChangeNodelist, SubscriberStopped {
    }

    /**
     * Follow a runtime nodelist change ({@link AeronTransport#changeNodelist}): publications to
     * added peers, none to removed ones, frames accepted from exactly these nodes. The outcome is
     * logged; a failure (the transport closing) too.
     */
    public record ChangeNodelist(List<NodeEntry> nodelist) implements Command {
    }

    /** Encode {@code frame} and send it to {@code nodeId} on link {@code linkNumber}; the outcome is counted. */
    public record Send(int nodeId, int linkNumber, WireFrame frame) implements Command {
    }

    /** Deliver every inbound frame to {@code subscriber} from now on, until it stops. */
    public record Subscribe(ActorRef<Inbound> subscriber) implements Command {
    }

    /**
     * Traffic is flowing: keep the transport polling without parking until {@code nanos}
     * (System.nanoTime), see {@link AeronTransport#pollUntil}.
     */
    public record PollUntil(long nanos) implements Command {
    }

    /** Reply with a {@link FrameSender} that sends from the caller's thread (see there). */
    public record GetSender(ActorRef<SenderReady> replyTo) implements Command {
    }

    /** The answer to {@link GetSender}. */
    public record SenderReady(FrameSender sender) {
    }

    /** Reply with a snapshot of the transport's counters. */
    public record GetStats(ActorRef<TransportStats> replyTo) implements Command {
    }

    /** Apply {@code change} to the fault filter; answered with the status after it, or a refusal. */
    public record ChangeFaults(FaultChange change, ActorRef<FaultReply> replyTo) implements Command {
    }

    /** Reply with the fault filter's status, or a refusal when fault injection is off. */
    public record GetFaults(ActorRef<FaultReply> replyTo) implements Command {
    }

    /**
     * The answer to {@link ChangeFaults} and {@link GetFaults}: the fault filter's status, or
     * (status null) the one-line reason the request was refused.
     */
    public record FaultReply(FaultStatus status, String refusal) {

        /** The status, after the change if there was one. */
        public static FaultReply ok(FaultStatus status) {
            return new FaultReply(status, null);
        }

        /** Refused for {@code reason}. */
        public static FaultReply refused(String reason) {
            return new FaultReply(null, reason);
        }

        /** True unless refused. */
        public boolean ok() {
            return refusal == null;
        }
    }

    /** A frame that arrived on this node's link {@code linkNumber} at {@code receivedNanos} (System.nanoTime). */
    public record Inbound(int linkNumber, WireFrame frame, long receivedNanos) {
    }

    private record SubscriberStopped(ActorRef<Inbound> subscriber) implements Command {
    }

    /** Logs from the transport thread (the actor's own log is for its message handling only). */
    private static final Logger LOG = LoggerFactory.getLogger(TransportActor.class);

    private final AeronTransport transport;
    private final Set<ActorRef<Inbound>> subscribers;

    /**
     * A transport actor for {@code settings}' node. Its subscribers outlive a restart by its
     * supervisor (the set is made here, outside the setup a restart runs again): Totem and the
     * link monitor subscribe once, and a restarted transport must keep feeding them.
     */
    public static Behavior<Command> create(RingsyncSettings settings) {
        Set<ActorRef<Inbound>> subscribers = new CopyOnWriteArraySet<>();
        return Behaviors.setup(ctx -> new TransportActor(ctx, settings, FrameCrypto.load(settings), subscribers));
    }

    /**
     * The transport of a node whose settings, at each (re)start, are {@code settings.get()} (a
     * reload changes them) and whose frame keys are {@code keys} (empty for cipher "none"): the
     * node's {@link KeyRing}, which outlives this actor, so a restarted transport seals with the
     * keys in force now, rolled over or not. Subscribers outlive restarts as above.
     */
    public static Behavior<Command> create(Supplier<RingsyncSettings> settings, Optional<KeyRing> keys) {
        Set<ActorRef<Inbound>> subscribers = new CopyOnWriteArraySet<>();
        return Behaviors.setup(ctx -> {
            RingsyncSettings now = settings.get();
            return new TransportActor(ctx, now, keys.isEmpty() ? FrameCrypto.none() : FrameCrypto.load(now, keys.get()),
                    subscribers);
        });
    }

    private TransportActor(ActorContext<Command> ctx, RingsyncSettings settings, FrameCrypto crypto,
                           Set<ActorRef<Inbound>> subscribers) {
        super(ctx);
        this.subscribers = subscribers;
        this.transport = new AeronTransport(settings, crypto, this::fanOut);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Send.class, this::onSend)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(PollUntil.class, this::onPollUntil)
                .onMessage(GetSender.class, this::onGetSender)
                .onMessage(ChangeFaults.class, this::onChangeFaults)
                .onMessage(GetFaults.class, this::onGetFaults)
                .onMessage(ChangeNodelist.class, this::onChangeNodelist)
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

    private Behavior<Command> onGetSender(GetSender get) {
        get.replyTo().tell(new SenderReady(transport));
        return this;
    }

    private Behavior<Command> onChangeFaults(ChangeFaults change) {
        FaultReply reply;
        try {
            reply = FaultReply.ok(transport.changeFaults(change.change()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            reply = FaultReply.refused(e.getMessage());
        }
        change.replyTo().tell(reply);
        return this;
    }

    private Behavior<Command> onGetFaults(GetFaults get) {
        FaultReply reply;
        try {
            reply = FaultReply.ok(transport.faultStatus());
        } catch (IllegalStateException e) {
            reply = FaultReply.refused(e.getMessage());
        }
        get.replyTo().tell(reply);
        return this;
    }

    private Behavior<Command> onChangeNodelist(ChangeNodelist change) {
        transport.changeNodelist(change.nodelist()).whenComplete((summary, failure) -> {
            if (failure != null) {
                LOG.warn("transport: the nodelist change was not applied: {}", failure.getMessage());
            }
        });
        return this;
    }

    private Behavior<Command> onPollUntil(PollUntil poll) {
        transport.pollUntil(poll.nanos());
        return this;
    }

    /**
     * Runs on the transport thread: each inbound frame goes straight to every subscriber's
     * mailbox, not through this actor's (one hop less per frame on Totem's token path).
     */
    private void fanOut(int linkNumber, WireFrame frame, long receivedNanos) {
        Inbound inbound = new Inbound(linkNumber, frame, receivedNanos);
        for (ActorRef<Inbound> subscriber : subscribers) {
            subscriber.tell(inbound);
        }
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
