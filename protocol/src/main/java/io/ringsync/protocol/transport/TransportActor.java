package io.ringsync.protocol.transport;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.BootCountException;
import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultStatus;
import io.ringsync.protocol.wire.WireFrame;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>Downcheck (Corosync's {@code totem.downcheck}): when the node's own endpoint cannot be opened
 * (an own link address is not on this host, or another socket holds its UDP port:
 * {@link EndpointUnavailableException}), the actor does not fail. It runs without a transport,
 * logs one line naming the address and the reason, counts the attempt ({@link EndpointStatus},
 * in {@link TransportStats} and told to {@link WatchEndpoint} watchers) and tries again every
 * {@code totem.downcheck} ms, with the settings current then, until it can; then it logs once
 * that the endpoint is open and works as usual. Meanwhile frames to send are dropped and
 * counted, inbound frames cannot arrive, {@link GetSender} is answered once the endpoint opens
 * (a caller sends through {@link Send} until then), fault changes are refused, and a nodelist
 * change is applied after the open. Totem, fed nothing, forms a ring of this node alone, as
 * Corosync does while its interface is down; once the endpoint opens, merge detection brings
 * the rings together. This holds at the node's first start and at every restart of this actor
 * by its supervisor (each opens the endpoint afresh). A running transport does not notice its
 * address going away later: Aeron keeps the socket bound and reports nothing, so such a node
 * loses the token and runs alone through Totem's own failure handling, and hears its peers
 * again when the address comes back. The transport opens all own links or none: a node with two
 * links one of which cannot be bound waits for both (knet would run on the one it has).
 */
public final class TransportActor extends AbstractBehavior<TransportActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Send, Subscribe, GetStats, PollUntil, GetSender, ChangeFaults, GetFaults,
            ChangeNodelist, WatchEndpoint, SubscriberStopped, WatcherStopped, Downcheck {
    }

    /**
     * Tell {@code watcher} the {@link EndpointStatus} now and after every attempt to open the
     * endpoint (each failure, the open), until it stops; also across restarts of this actor.
     */
    public record WatchEndpoint(ActorRef<EndpointStatus> watcher) implements Command {
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
     * (System.nanoTime; an earlier instant than the last ends that window), see
     * {@link AeronTransport#pollUntil}.
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

    private record WatcherStopped(ActorRef<EndpointStatus> watcher) implements Command {
    }

    /** The downcheck timer: try to open the endpoint again. */
    private enum Downcheck implements Command { INSTANCE }

    /**
     * What outlives a restart of this actor by its supervisor (made in {@code create}, outside the
     * setup a restart runs again): the subscribers, the endpoint watchers and the downcheck counters.
     */
    private record Survivors(Set<ActorRef<Inbound>> subscribers, Set<ActorRef<EndpointStatus>> watchers,
                             EndpointDowncheck downcheck) {

        static Survivors of(int nodeId) {
            return new Survivors(new CopyOnWriteArraySet<>(), new CopyOnWriteArraySet<>(), new EndpointDowncheck(nodeId));
        }
    }

    /** Logs from the transport thread (the actor's own log is for its message handling only). */
    private static final Logger LOG = LoggerFactory.getLogger(TransportActor.class);

    private final TimerScheduler<Command> timers;
    private final Supplier<RingsyncSettings> settings;
    private final FrameCrypto crypto;
    private final Set<ActorRef<Inbound>> subscribers;
    private final Survivors survivors;
    private final EndpointDowncheck downcheck;
    private final List<ActorRef<SenderReady>> awaitingSender = new ArrayList<>();
    /** Null while the endpoint is not open. */
    private AeronTransport transport;
    /** A nodelist change that came while the endpoint was not open, applied once it is. */
    private List<NodeEntry> pendingNodelist;

    /**
     * A transport actor for {@code settings}' node. Its subscribers outlive a restart by its
     * supervisor (the set is made here, outside the setup a restart runs again): Totem and the
     * link monitor subscribe once, and a restarted transport must keep feeding them.
     */
    public static Behavior<Command> create(RingsyncSettings settings) {
        Survivors survivors = Survivors.of(settings.nodeId());
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new TransportActor(ctx, timers, () -> settings, FrameCrypto.load(settings), survivors)));
    }

    /**
     * The transport of a node whose settings, at each (re)start and each downcheck attempt, are
     * {@code settings.get()} (a reload changes them) and whose frame keys are {@code keys} (empty
     * for cipher "none"): the node's {@link KeyRing}, which outlives this actor, so a restarted
     * transport seals with the keys in force now, rolled over or not. Subscribers outlive
     * restarts as above.
     */
    public static Behavior<Command> create(Supplier<RingsyncSettings> settings, Optional<KeyRing> keys) {
        Survivors survivors = Survivors.of(settings.get().nodeId());
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            RingsyncSettings now = settings.get();
            return new TransportActor(ctx, timers, settings,
                    keys.isEmpty() ? FrameCrypto.none() : FrameCrypto.load(now, keys.get()), survivors);
        }));
    }

    private TransportActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, Supplier<RingsyncSettings> settings,
                           FrameCrypto crypto, Survivors survivors) {
        super(ctx);
        this.timers = timers;
        this.settings = settings;
        this.crypto = crypto;
        this.survivors = survivors;
        this.subscribers = survivors.subscribers();
        this.downcheck = survivors.downcheck();
        open();
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
                .onMessage(WatchEndpoint.class, this::onWatchEndpoint)
                .onMessage(SubscriberStopped.class, this::onSubscriberStopped)
                .onMessage(WatcherStopped.class, this::onWatcherStopped)
                .onMessageEquals(Downcheck.INSTANCE, this::onDowncheck)
                .onSignal(PostStop.class, signal -> closeTransport())
                .onSignal(PreRestart.class, signal -> closeTransport())
                .build();
    }

    /**
     * Opens the transport with the settings current now. When the endpoint cannot be opened, the
     * failure is counted, logged if {@link EndpointDowncheck} says so, and the next attempt is
     * set for {@code totem.downcheck} ms from now. Any other failure fails the actor as before
     * (its supervisor decides).
     */
    private void open() {
        RingsyncSettings now = settings.get();
        try {
            transport = new AeronTransport(now, crypto, this::fanOut);
        } catch (EndpointUnavailableException e) {
            long downcheckMs = now.totem().downcheckMs();
            downcheck.failed(e.endpoint(), e.reason(), downcheckMs, System.nanoTime()).ifPresent(getContext().getLog()::warn);
            timers.startSingleTimer(Downcheck.INSTANCE, Duration.ofMillis(downcheckMs));
            tellWatchers();
            return;
        }
        downcheck.opened(System.nanoTime()).ifPresent(getContext().getLog()::info);
        transport.host(TransportThreadExecutor.of(getContext().getSystem()));
        awaitingSender.forEach(replyTo -> replyTo.tell(new SenderReady(transport)));
        awaitingSender.clear();
        if (pendingNodelist != null && !pendingNodelist.equals(now.nodelist())) {
            onChangeNodelist(new ChangeNodelist(pendingNodelist));
        }
        pendingNodelist = null;
        tellWatchers();
    }

    private Behavior<Command> onDowncheck() {
        if (transport == null) {
            open();
        }
        return this;
    }

    private void tellWatchers() {
        EndpointStatus status = downcheck.status();
        survivors.watchers().forEach(watcher -> watcher.tell(status));
    }

    private Behavior<Command> onSend(Send send) {
        if (transport == null) {
            downcheck.frameDropped();
        } else {
            transport.send(send.nodeId(), send.linkNumber(), send.frame());
        }
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onGetStats(GetStats get) {
        EndpointStatus endpoint = downcheck.status();
        get.replyTo().tell(transport == null ? TransportStats.withoutTransport(settings.get().nodeId(), endpoint)
                : transport.stats().withEndpoint(endpoint));
        return this;
    }

    private Behavior<Command> onGetSender(GetSender get) {
        if (transport == null) {
            awaitingSender.add(get.replyTo());
        } else {
            get.replyTo().tell(new SenderReady(transport));
        }
        return this;
    }

    private Behavior<Command> onWatchEndpoint(WatchEndpoint watch) {
        if (survivors.watchers().add(watch.watcher())) {
            getContext().watchWith(watch.watcher(), new WatcherStopped(watch.watcher()));
        }
        watch.watcher().tell(downcheck.status());
        return this;
    }

    private Behavior<Command> onWatcherStopped(WatcherStopped stopped) {
        survivors.watchers().remove(stopped.watcher());
        return this;
    }

    /** The refusal of a fault request while the endpoint is not open. */
    private FaultReply notOpen() {
        return FaultReply.refused("the transport of node " + settings.get().nodeId()
                + " is not running: its endpoint is not open (" + downcheck.status().lastFailure() + ")");
    }

    private Behavior<Command> onChangeFaults(ChangeFaults change) {
        if (transport == null) {
            change.replyTo().tell(notOpen());
            return this;
        }
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
        if (transport == null) {
            get.replyTo().tell(notOpen());
            return this;
        }
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
        if (transport == null) {
            pendingNodelist = List.copyOf(change.nodelist());
            return this;
        }
        transport.changeNodelist(change.nodelist()).whenComplete((summary, failure) -> {
            if (failure != null) {
                LOG.warn("transport: the nodelist change was not applied: {}", failure.getMessage());
            }
        });
        return this;
    }

    private Behavior<Command> onPollUntil(PollUntil poll) {
        if (transport != null) {
            transport.pollUntil(poll.nanos());
        }
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
        if (transport != null) {
            transport.close();
            transport = null;
            downcheck.closed();
        }
        return this;
    }
}
