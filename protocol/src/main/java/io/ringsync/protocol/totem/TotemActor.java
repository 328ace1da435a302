package io.ringsync.protocol.totem;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TotemSettings;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TimerKind;
import io.ringsync.protocol.totem.pg.ChunkFormat;
import io.ringsync.protocol.totem.pg.PackingQueue;
import io.ringsync.protocol.totem.srp.AcceptedMessages;
import io.ringsync.protocol.totem.srp.SrpCore;
import io.ringsync.protocol.totem.srp.SrpCounters;
import io.ringsync.protocol.totem.srp.SrpSettings;
import io.ringsync.protocol.totem.srp.TotemEffect;
import io.ringsync.protocol.transport.AeronTransport;
import io.ringsync.protocol.transport.FrameSender;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.transport.TransportStats;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The thin driver of one node's {@link SrpCore} (STYLE.md rule 1): it feeds the core decoded
 * frames from the {@link TransportActor}, timer expiries and local requests, with
 * {@code System.nanoTime()} as the time, and carries out the effects in order
 * ({@link TotemEffects}): frames to the transport on link 0, one Akka timer per
 * {@link TimerKind}, the ring seq to {@link RingSeqStore}, state changes to the log in
 * Corosync's words, deliveries and configuration changes to the subscribers.
 *
 * <p><b>Listeners.</b> A {@link Subscribe}d actor gets every {@link TotemEvent} in exactly the
 * core's order (a {@link SubscribeBatches} one gets them in {@link EventBatch}es, a step's at a
 * time): {@link TotemEvent.ConfigurationChanged} (TRANSITIONAL then REGULAR, extended virtual
 * synchrony) and {@link TotemEvent.Delivered}. One that subscribes after a ring formed first gets
 * that ring's REGULAR configuration. Stopped subscribers are dropped.
 *
 * <p><b>Restarts.</b> Set up, the actor reads the persisted ring seq, builds a fresh core and
 * starts it in GATHER, so a restart (by a supervisor, after any failure: a broken invariant, a
 * ring seq that cannot be written, a {@link Rejoin}, a kill from outside) makes the node form a
 * ring again; timers of the failed instance are cancelled by Akka and the new core arms its own.
 * Accepted application messages survive it: they wait in an {@link AcceptedMessages} holder
 * that {@code create} makes once for every incarnation, and the new core gathers with the
 * members of the ring the old one was in and originates those messages not yet originated on
 * its first ring, before later ones (the holder's Javadoc has the rules, and what is still lost:
 * an originated message that no other node received before the restart). Subscriptions do NOT
 * survive a restart: whoever supervises this actor keeps its subscribers and subscribes them
 * again when it restarts (the node's guardian does). To them a restart looks like the node
 * leaving and joining: the next configurations are a TRANSITIONAL one of this node alone and a
 * REGULAR one.
 * The {@link MulticastInbox} ({@link GetInbox}) survives it too: it is made with the behavior.
 * Only records cross this actor's boundary, and the inbox, which is thread-safe.
 *
 * <p><b>Runtime configuration</b> ({@link ChangeConfig}, a committed {@code cfg reload}): the new
 * nodelist applies at once; the timers and constants, and the effective token of the new
 * nodelist's size, from the next ring this node commits to ({@link SrpCore#changeSettings}).
 * {@link GetRuntimeConfig} tells which values run now (cmap's {@code runtime.config.totem.*}).
 */
public final class TotemActor extends AbstractBehavior<TotemActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Subscribe, SubscribeBatches, Multicast, MulticastSync, SyncCompleted, Leave, GetStats,
            Rejoin, FrameIn, SenderArrived, Timeout, LeaveFlushed, SubscriberStopped, ChangeConfig, GetRuntimeConfig,
            GetInbox, DrainInbox, PeerReachability {
    }

    /**
     * The link layer's word on a peer ({@code NodeReachability}: every link to it down, or one
     * up again), for the fail-unreachable rule of membership ({@code totem.fail_unreachable},
     * {@link io.ringsync.protocol.totem.membership.MembershipCore#peerReachability}); ignored
     * when that setting is off.
     */
    public record PeerReachability(int nodeId, boolean reachable) implements Command {
    }

    /**
     * Reply with this Totem's {@link MulticastInbox}: the way for a sender in the same JVM to
     * multicast without a request and an answer per message. It is the same inbox for the
     * actor's whole life, restarts included.
     */
    public record GetInbox(ActorRef<MulticastInbox> replyTo) implements Command {
    }

    /**
     * Runs with {@code next}'s nodelist from now on and with its Totem timers and constants from
     * the next ring (see the class comment). The cluster name, this node's id and the message
     * sizes ({@code frame_size}, the transport) stay those the actor started with.
     */
    public record ChangeConfig(RingsyncSettings next) implements Command {
    }

    /** Reply with the Totem values in effect and whether newer ones wait for the next ring. */
    public record GetRuntimeConfig(ActorRef<TotemRuntimeConfig> replyTo) implements Command {
    }

    /**
     * Send every later configuration change, and every later delivery that {@code filter} passes,
     * to {@code subscriber} (the current REGULAR configuration first), until it stops.
     */
    public record Subscribe(ActorRef<TotemEvent> subscriber, DeliveryFilter filter) implements Command {

        /** Every event. */
        public Subscribe(ActorRef<TotemEvent> subscriber) {
            this(subscriber, DeliveryFilter.ALL);
        }
    }

    /**
     * As {@link Subscribe}, but the events come in {@link EventBatch}es: those of one step of
     * Totem together (a token visit delivers hundreds of messages at a time), in the same
     * order, for a subscriber that would rather take one actor message for all of them.
     */
    public record SubscribeBatches(ActorRef<EventBatch> subscriber, DeliveryFilter filter) implements Command {
    }

    /** Events for a {@link SubscribeBatches} subscriber, in Totem's order; never empty. */
    public record EventBatch(List<TotemEvent> events) {

        /** The list is not copied (Totem hands over a list it no longer touches); it is read-only here. */
        public EventBatch {
            events = Collections.unmodifiableList(events);
        }
    }

    /**
     * Queue {@code payload} for delivery in the total order to every member, this node included;
     * the answer goes to {@code replyTo}. The core packs small messages together and fragments
     * large ones into chunks of at most the wire's payload cap ({@link AeronTransport#maxPayloadBytes}).
     * The payload is not copied: do not change it afterwards.
     */
    public record Multicast(Delivery delivery, byte[] payload, ActorRef<MulticastResult> replyTo) implements Command {
    }

    /**
     * The service sync hook (with {@code holdUntilSynced}, see {@link #create(RingsyncSettings,
     * ActorRef, boolean)}): queue a message of the services' sync round after a REGULAR
     * configuration. It is ordered like any other, but originated while application
     * {@link Multicast}s wait for {@link SyncCompleted}.
     */
    public record MulticastSync(Delivery delivery, byte[] payload, ActorRef<MulticastResult> replyTo)
            implements Command {
    }

    /**
     * The services' sync round of ring {@code ringId} is over on this node: application
     * messages queued meanwhile are originated. Ignored for a ring that is not the current one.
     */
    public record SyncCompleted(RingId ringId) implements Command {
    }

    /**
     * Leave the ring gracefully: every node is told (a join listing this node as failed), so the
     * others form a new ring at once instead of waiting for the token timeout; afterwards this
     * actor ignores every input. {@link Done} goes to {@code replyTo} once the transport has
     * been handed the frames.
     */
    public record Leave(ActorRef<Done> replyTo) implements Command {
    }

    /**
     * Leave the ring and form a new one, as after a restart: this actor fails with a
     * {@link TotemRejoinException} naming {@code reason}, and its supervisor restarts it. Used
     * when a service of the node lost its state (its actor restarted): the next ring's sync
     * round gives it the cluster's state again, and every peer sees this node leave and join.
     * Accepted messages not yet originated are originated on the next ring (see the class comment).
     */
    public record Rejoin(String reason) implements Command {
    }

    /** Reply with this node's counters. */
    public record GetStats(ActorRef<TotemStats> replyTo) implements Command {
    }

    /** The answer to a {@link Multicast}. */
    public enum MulticastResult {
        /** Queued; it is delivered to every member, this one included, in the total order. */
        ACCEPTED,
        /** The originate queue is full (or this node left); retry later. */
        TRY_AGAIN,
        /** Above the largest message Totem carries ({@link SrpSettings#maxMessageBytes()}, 1 MiB). */
        TOO_LARGE
    }

    private record FrameIn(TransportActor.Inbound inbound) implements Command {
    }

    private record Timeout(TimerKind kind) implements Command {
    }

    private record SenderArrived(FrameSender sender) implements Command {
    }

    private record LeaveFlushed(ActorRef<Done> replyTo) implements Command {
    }

    private record SubscriberStopped(ActorRef<?> subscriber) implements Command {
    }

    /** Messages wait in the {@link MulticastInbox}. */
    private enum DrainInbox implements Command { INSTANCE }

    /** How long a {@link Leave} waits for the transport to confirm it took the frames. */
    static final Duration LEAVE_FLUSH_TIMEOUT = Duration.ofSeconds(2);

    private final ActorRef<TransportActor.Command> transport;
    private final SrpCore core;
    private final TotemListeners listeners = new TotemListeners();
    private final TotemEffects effects;
    private final BusyPollSignal busyPoll;
    private final MulticastInbox inbox;
    private final OrderingTotals orderingTotals = new OrderingTotals();
    private final boolean holdUntilSynced;
    private final int maxChunkBytes;
    private TotemRuntimeConfig running;
    private TotemRuntimeConfig pending;
    private long framesReceived;
    private long timeouts;
    private long accepted;
    private long refused;
    private long tooLarge;

    /**
     * A Totem driver for {@code settings}' node, sending and receiving through {@code transport};
     * set up, it reads the persisted ring seq (a corrupt file fails the setup with a
     * {@link RingSeqException}) and starts the core in GATHER.
     */
    public static Behavior<Command> create(RingsyncSettings settings, ActorRef<TransportActor.Command> transport) {
        return create(settings, transport, false);
    }

    /**
     * As {@link #create(RingsyncSettings, ActorRef)}; with {@code holdUntilSynced}, after each
     * REGULAR configuration application messages wait until a {@link SyncCompleted} for that
     * ring (Corosync's service sync: the services exchange state with {@link MulticastSync}
     * first, so that no application message of the new ring precedes their sync).
     */
    public static Behavior<Command> create(RingsyncSettings settings, ActorRef<TransportActor.Command> transport,
                                           boolean holdUntilSynced) {
        return create(() -> settings, transport, holdUntilSynced);
    }

    /**
     * As {@link #create(RingsyncSettings, ActorRef, boolean)}, each (re)start with the settings
     * {@code settings} gives then (a node's live settings, which a {@code cfg reload} changes).
     * Supervise the returned behavior itself: the accepted messages it keeps across restarts are
     * made here, once.
     */
    public static Behavior<Command> create(Supplier<RingsyncSettings> settings,
                                           ActorRef<TransportActor.Command> transport, boolean holdUntilSynced) {
        AcceptedMessages accepted = new AcceptedMessages();
        MulticastInbox inbox = new MulticastInbox(MulticastInbox.DEFAULT_CAPACITY_BYTES,
                PackingQueue.DEFAULT_MAX_MESSAGE_BYTES);
        return Behaviors.setup(ctx -> {
            RingsyncSettings now = settings.get();
            long ringSeq = RingSeqStore.read(now.system().stateDir());
            return Behaviors.withTimers(timers -> new TotemActor(ctx, timers, now, transport, ringSeq, holdUntilSynced,
                    accepted, inbox));
        });
    }

    private TotemActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, RingsyncSettings settings,
                       ActorRef<TransportActor.Command> transport, long ringSeq, boolean holdUntilSynced,
                       AcceptedMessages accepted, MulticastInbox inbox) throws RingSeqException {
        super(ctx);
        this.transport = transport;
        this.inbox = inbox;
        List<Integer> nodelist = nodeIds(settings);
        this.holdUntilSynced = holdUntilSynced;
        this.maxChunkBytes = Math.min(settings.totem().frameBytes() + ChunkFormat.FRAME_HEADROOM,
                AeronTransport.maxPayloadBytes(settings));
        SrpSettings srp = srpSettings(settings.totem(), nodelist.size());
        this.running = new TotemRuntimeConfig(settings.totem(), nodelist.size(), false);
        long seed = System.nanoTime() ^ ((long) settings.nodeId() << 32);
        this.core = new SrpCore(settings.nodeId(), nodelist, srp, new SplittableRandom(seed), ringSeq, accepted);
        this.effects = new TotemEffects(settings.nodeId(), settings.system().stateDir(), transport, timers,
                Timeout::new, listeners, ctx.getLog(), srp.membership().tokenMs(), srp.membership().consensusMs());
        this.busyPoll = new BusyPollSignal(transport, TimeUnit.MICROSECONDS.toNanos(settings.transport().busyPollUs()));
        transport.tell(new TransportActor.GetSender(ctx.messageAdapter(TransportActor.SenderReady.class,
                ready -> new SenderArrived(ready.sender()))));
        transport.tell(new TransportActor.Subscribe(ctx.messageAdapter(TransportActor.Inbound.class, FrameIn::new)));
        ctx.getLog().debug("totem starting from ring seq {} with random seed {}", ringSeq, seed);
        if (core.queuedApplication() > 0) {
            ctx.getLog().info("totem starting again with {} chunks of accepted messages to originate first on the next "
                    + "ring", core.queuedApplication());
        }
        feed(() -> core.start(System.nanoTime()));
        ActorRef<Command> self = ctx.getSelf();
        inbox.attach(() -> self.tell(DrainInbox.INSTANCE));
        drainInbox();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FrameIn.class, this::onFrameIn)
                .onMessage(Timeout.class, this::onTimeout)
                .onMessage(Multicast.class, this::onMulticast)
                .onMessage(MulticastSync.class, this::onMulticastSync)
                .onMessage(SyncCompleted.class, this::onSyncCompleted)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(SubscribeBatches.class, this::onSubscribeBatches)
                .onMessage(SubscriberStopped.class, this::onSubscriberStopped)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(LeaveFlushed.class, this::onLeaveFlushed)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Rejoin.class, this::onRejoin)
                .onMessage(SenderArrived.class, this::onSenderArrived)
                .onMessage(ChangeConfig.class, this::onChangeConfig)
                .onMessage(GetRuntimeConfig.class, this::onGetRuntimeConfig)
                .onMessage(GetInbox.class, this::onGetInbox)
                .onMessageEquals(DrainInbox.INSTANCE, this::onDrainInbox)
                .onMessage(PeerReachability.class, this::onPeerReachability)
                .build();
    }

    private static List<Integer> nodeIds(RingsyncSettings settings) {
        return settings.nodelist().stream().map(NodeEntry::nodeId).sorted().toList();
    }

    private SrpSettings srpSettings(TotemSettings totem, int nodeCount) {
        return SrpSettings.of(totem, nodeCount, maxChunkBytes, holdUntilSynced);
    }

    private Behavior<Command> onChangeConfig(ChangeConfig change) {
        List<Integer> nodelist = nodeIds(change.next());
        core.changeNodelist(nodelist);
        TotemRuntimeConfig next = new TotemRuntimeConfig(change.next().totem().withFrameBytes(
                running.totem().frameBytes()), nodelist.size(), false);
        if (!next.equals(pending == null ? running : pending)) {
            core.changeSettings(srpSettings(next.totem(), next.nodeCount()));
            pending = next.equals(running) ? null : next;
        }
        getContext().getLog().info("totem: nodelist now {}{}", nodelist,
                pending == null ? "" : "; new timers from the next ring (effective token "
                        + pending.effectiveTokenMs() + " ms)");
        return this;
    }

    private Behavior<Command> onGetRuntimeConfig(GetRuntimeConfig get) {
        get.replyTo().tell(pending == null ? running : running.withPending(true));
        return this;
    }

    /** The core adopted the pending settings on committing to a new ring: they run from now on. */
    private void noteAdoptedSettings() {
        if (pending != null && !core.settingsPending()) {
            running = pending;
            pending = null;
            SrpSettings now = core.settings();
            effects.timersChanged(now.membership().tokenMs(), now.membership().consensusMs());
            getContext().getLog().info("totem: reloaded timers in effect from this ring: token {} ms, consensus {} ms, "
                    + "join {} ms, token_retransmit {} ms", now.membership().tokenMs(), now.membership().consensusMs(),
                    now.membership().joinMs(), now.tokenRetransmitMs());
        }
    }

    /**
     * Every input goes through here: the core's step, then its effects in order. Outside
     * OPERATIONAL the installed ring may be replaced by this step, so its ordering counters are
     * observed first ({@link OrderingTotals}).
     */
    private void feed(Supplier<List<TotemEffect>> step) throws RingSeqException {
        if (core.state() != MembershipState.OPERATIONAL) {
            orderingTotals.observe(core.ring().ringId(), core.counters().ordering());
        }
        List<TotemEffect> out = step.get();
        noteAdoptedSettings();
        busyPoll.onEffects(out, System.nanoTime(), core.ringSaturated());
        effects.carryOut(out);
    }

    private Behavior<Command> onFrameIn(FrameIn in) throws RingSeqException {
        TotemMessage message = TotemFrames.messageOf(in.inbound().frame());
        if (message != null) {
            framesReceived++;
            feed(() -> core.onMessage(message, System.nanoTime()));
            if (!inbox.isEmpty()) {
                drainInbox();
            }
        }
        return this;
    }

    private Behavior<Command> onTimeout(Timeout timeout) throws RingSeqException {
        timeouts++;
        feed(() -> core.onTimeout(timeout.kind(), System.nanoTime()));
        return this;
    }

    private Behavior<Command> onMulticast(Multicast multicast) throws RingSeqException {
        return offered(core.offerMessage(multicast.delivery(), multicast.payload()), multicast.replyTo());
    }

    private Behavior<Command> onMulticastSync(MulticastSync multicast) throws RingSeqException {
        return offered(core.offerSync(multicast.delivery(), multicast.payload()), multicast.replyTo());
    }

    private Behavior<Command> onGetInbox(GetInbox get) {
        get.replyTo().tell(inbox);
        return this;
    }

    private Behavior<Command> onDrainInbox() throws RingSeqException {
        drainInbox();
        return this;
    }

    /**
     * Moves the inbox's messages into the core, oldest first, until the core's queue is full;
     * what it cannot take yet waits for the next drain (after each frame, so after each token
     * visit, which makes room). The inbox answered ACCEPTED for them already, under the same
     * size bound as the core's, so the core never finds one too large.
     */
    private void drainInbox() throws RingSeqException {
        inbox.beginDrain();
        boolean took = false;
        for (MulticastInbox.Entry entry = inbox.peek(); entry != null; entry = inbox.peek()) {
            if (core.offerMessage(entry.delivery(), entry.payload()) == PackingQueue.Offer.TRY_AGAIN) {
                break;
            }
            inbox.taken(entry);
            took = true;
        }
        if (took) {
            busyPoll.onTraffic(System.nanoTime(), core.ringSaturated());
            feed(() -> core.afterEnqueue(System.nanoTime()));
        }
    }

    private Behavior<Command> onPeerReachability(PeerReachability report) throws RingSeqException {
        if (running.totem().failUnreachable()) {
            feed(() -> core.peerReachability(report.nodeId(), report.reachable(), System.nanoTime()));
        }
        return this;
    }

    private Behavior<Command> onSyncCompleted(SyncCompleted completed) throws RingSeqException {
        feed(() -> core.syncCompleted(completed.ringId(), System.nanoTime()));
        return this;
    }

    /** Answers an offer to the core and carries out what queuing it caused (a token release or hold cancel). */
    private Behavior<Command> offered(PackingQueue.Offer offer, ActorRef<MulticastResult> replyTo)
            throws RingSeqException {
        MulticastResult result = switch (offer) {
            case ACCEPTED -> {
                accepted++;
                busyPoll.onTraffic(System.nanoTime(), core.ringSaturated());
                yield MulticastResult.ACCEPTED;
            }
            case TRY_AGAIN -> {
                refused++;
                yield MulticastResult.TRY_AGAIN;
            }
            case TOO_LARGE -> {
                tooLarge++;
                yield MulticastResult.TOO_LARGE;
            }
        };
        replyTo.tell(result);
        feed(() -> core.afterEnqueue(System.nanoTime()));
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (listeners.add(subscribe.subscriber(), subscribe.filter())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onSubscribeBatches(SubscribeBatches subscribe) {
        if (listeners.addBatches(subscribe.subscriber(), subscribe.filter())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onSubscriberStopped(SubscriberStopped stopped) {
        listeners.remove(stopped.subscriber());
        return this;
    }

    /** Sends the leave, then asks the transport for its stats: its answer means it has handled the sends before. */
    private Behavior<Command> onLeave(Leave leave) throws RingSeqException {
        boolean first = !core.hasLeft();
        inbox.close();
        feed(() -> core.leave(System.nanoTime()));
        if (first) {
            getContext().getLog().info("leaving the ring {}: telling every node", core.ring().ringId());
        }
        getContext().ask(TransportStats.class, transport, LEAVE_FLUSH_TIMEOUT, TransportActor.GetStats::new,
                (stats, failure) -> new LeaveFlushed(leave.replyTo()));
        return this;
    }

    private Behavior<Command> onLeaveFlushed(LeaveFlushed flushed) {
        flushed.replyTo().tell(Done.getInstance());
        return this;
    }

    private Behavior<Command> onSenderArrived(SenderArrived arrived) {
        effects.useSender(arrived.sender());
        return this;
    }

    private Behavior<Command> onRejoin(Rejoin rejoin) throws TotemRejoinException {
        getContext().getLog().info("totem starting again to form a new ring: {}", rejoin.reason());
        throw new TotemRejoinException(rejoin.reason());
    }

    private Behavior<Command> onGetStats(GetStats get) {
        SrpCounters srp = core.counters();
        get.replyTo().tell(new TotemStats(core.nodeId(), srp, orderingTotals.total(srp.ring().ringId(), srp.ordering()),
                framesReceived, effects.framesSent(), timeouts, accepted + inbox.accepted(), refused + inbox.refused(),
                tooLarge + inbox.tooLarge(), effects.ringSeqWrites(),
                listeners.size(), listeners.published()));
        return this;
    }
}
