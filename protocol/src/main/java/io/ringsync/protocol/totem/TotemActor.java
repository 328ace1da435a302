package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.transport.AeronTransport;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.wire.TotemMcastFrame;
import io.ringsync.protocol.wire.TotemTokenFrame;
import io.ringsync.protocol.wire.WireFrame;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Drives an {@link OrderingCore} over the node's {@link TransportActor} for a FIXED ring: every
 * node of the nodelist, ring id (lowest node id, 1). Membership (gather, commit, recovery) is
 * not built yet, so the ring never changes and a lost node stalls it.
 *
 * <ul>
 * <li><b>Start.</b> The representative (lowest id) originates the first token when it gets
 *     {@link Start} (the caller sends it once links are up); other members ignore it and start
 *     with the first token they receive.</li>
 * <li><b>Effects.</b> New and retransmitted multicasts go to every other member (one copy
 *     each, link 0); the token goes to the successor; deliveries go to {@link Subscribe}rs as
 *     {@link Delivered}; FAILED TO RECEIVE is logged at WARN (membership would act on it).</li>
 * <li><b>Token hold</b> (simplified, see {@link TokenHold}): the token is forwarded at once on
 *     receipt, except that the rep, after more than {@code seqno_unchanged_const} unchanged
 *     visits, holds it for {@code hold} ms (timer {@link ReleaseToken}). A {@link Multicast}
 *     accepted on the holding node releases it at once; other nodes wait for the release.</li>
 * <li><b>Token silence.</b> Once started, no token for the effective token timeout is logged
 *     at WARN and counted (timer {@link TokenSilence}); nothing else happens yet.</li>
 * </ul>
 * Only records cross this actor's boundary: frames are decoded by the transport and mapped by
 * {@link TotemFrames}.
 */
public final class TotemActor extends AbstractBehavior<TotemActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Start, Multicast, Subscribe, GetStats, FrameIn, ReleaseToken,
            TokenSilence, SubscriberStopped {
    }

    /** Start the ring: the representative sends the first token; others ignore it. */
    public enum Start implements Command { INSTANCE }

    /** Queue {@code payload} (not changed by the caller afterwards) for ordered delivery; the answer goes to {@code replyTo}. */
    public record Multicast(Delivery delivery, byte[] payload, ActorRef<MulticastResult> replyTo) implements Command {
    }

    /** Send every later delivery to {@code subscriber}, until it stops. */
    public record Subscribe(ActorRef<Delivered> subscriber) implements Command {
    }

    /** Reply with this node's counters. */
    public record GetStats(ActorRef<TotemStats> replyTo) implements Command {
    }

    /** The answer to a {@link Multicast}. */
    public enum MulticastResult {
        /** Queued; it is delivered to every member, this one included, in the total order. */
        ACCEPTED,
        /** The originate queue is full; retry later. */
        TRY_AGAIN,
        /** Above the wire's payload cap ({@link AeronTransport#maxPayloadBytes}); fragmentation is not built yet. */
        TOO_LARGE
    }

    /** One message delivered in the ring's total order; the payload is copied on access. */
    public record Delivered(int senderNodeId, long seq, Delivery delivery, byte[] payload) {

        /** A copy of the payload. */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delivered d && senderNodeId == d.senderNodeId && seq == d.seq
                    && delivery == d.delivery && Arrays.equals(payload, d.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(senderNodeId, seq, delivery, Arrays.hashCode(payload));
        }
    }

    private record FrameIn(TransportActor.Inbound inbound) implements Command {
    }

    private enum ReleaseToken implements Command { INSTANCE }

    private enum TokenSilence implements Command { INSTANCE }

    private record SubscriberStopped(ActorRef<Delivered> subscriber) implements Command {
    }

    private final RingsyncSettings settings;
    private final ActorRef<TransportActor.Command> transport;
    private final TimerScheduler<Command> timers;
    private final OrderingCore core;
    private final TokenHold hold;
    private final int maxPayloadBytes;
    private final Duration holdTime;
    private final Duration tokenTimeout;
    private final Set<ActorRef<Delivered>> subscribers = new LinkedHashSet<>();
    private OrderingEffect.ForwardToken heldToken;
    private boolean started;
    private long tokenHolds;
    private long tokenSilences;
    private long tooLarge;

    /** A Totem driver for {@code settings}' node, sending and receiving through {@code transport}. */
    public static Behavior<Command> create(RingsyncSettings settings, ActorRef<TransportActor.Command> transport) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new TotemActor(ctx, timers, settings, transport)));
    }

    /** The fixed ring of {@code settings}: every node of the nodelist, rep = lowest id, ring seq 1. */
    public static RingConfiguration fixedRing(RingsyncSettings settings) {
        List<Integer> members = settings.nodelist().stream().map(NodeEntry::nodeId).sorted().toList();
        return new RingConfiguration(new RingId(members.get(0), 1), members);
    }

    private TotemActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, RingsyncSettings settings,
                       ActorRef<TransportActor.Command> transport) {
        super(ctx);
        this.settings = settings;
        this.transport = transport;
        this.timers = timers;
        RingConfiguration ring = fixedRing(settings);
        this.core = new OrderingCore(settings.nodeId(), ring, OrderingSettings.of(settings.totem()));
        this.hold = new TokenHold(ring.ringId().repNodeId() == settings.nodeId(),
                settings.totem().seqnoUnchangedConst());
        this.maxPayloadBytes = AeronTransport.maxPayloadBytes(settings);
        this.holdTime = Duration.ofMillis(Math.max(1, settings.totem().holdMs()));
        this.tokenTimeout = Duration.ofMillis(settings.totem().effectiveTokenMs(ring.members().size()));
        transport.tell(new TransportActor.Subscribe(ctx.messageAdapter(TransportActor.Inbound.class, FrameIn::new)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Start.INSTANCE, this::onStart)
                .onMessage(Multicast.class, this::onMulticast)
                .onMessage(FrameIn.class, this::onFrameIn)
                .onMessageEquals(ReleaseToken.INSTANCE, this::onReleaseToken)
                .onMessageEquals(TokenSilence.INSTANCE, this::onTokenSilence)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(SubscriberStopped.class, this::onSubscriberStopped)
                .onMessage(GetStats.class, this::onGetStats)
                .build();
    }

    private Behavior<Command> onStart() {
        if (started || core.ring().ringId().repNodeId() != settings.nodeId()) {
            return this;
        }
        getContext().getLog().info("ring {} started by its representative, members {}", core.ring().ringId(),
                core.ring().members());
        onToken(RegularToken.initial(core.ring().ringId()));
        return this;
    }

    private Behavior<Command> onMulticast(Multicast multicast) {
        MulticastResult result;
        if (multicast.payload().length > maxPayloadBytes) {
            tooLarge++;
            result = MulticastResult.TOO_LARGE;
        } else {
            result = core.enqueue(multicast.delivery(), multicast.payload())
                    ? MulticastResult.ACCEPTED : MulticastResult.TRY_AGAIN;
        }
        multicast.replyTo().tell(result);
        if (result == MulticastResult.ACCEPTED && heldToken != null) {
            timers.cancel(ReleaseToken.INSTANCE);
            onReleaseToken();
        }
        return this;
    }

    private Behavior<Command> onFrameIn(FrameIn in) {
        WireFrame frame = in.inbound().frame();
        if (frame instanceof TotemTokenFrame token) {
            onToken(TotemFrames.toToken(token));
        } else if (frame instanceof TotemMcastFrame mcast) {
            apply(core.onMulticast(TotemFrames.toMessage(mcast), System.nanoTime()));
        }
        return this;
    }

    private void onToken(RegularToken token) {
        List<OrderingEffect> effects = core.onToken(token, System.nanoTime());
        if (!effects.isEmpty()) {
            started = true;
            timers.startSingleTimer(TokenSilence.INSTANCE, TokenSilence.INSTANCE, tokenTimeout);
        }
        apply(effects);
    }

    private void apply(List<OrderingEffect> effects) {
        for (OrderingEffect effect : effects) {
            if (effect instanceof OrderingEffect.Multicast m) {
                sendToPeers(m.message());
            } else if (effect instanceof OrderingEffect.Retransmit r) {
                sendToPeers(r.message());
            } else if (effect instanceof OrderingEffect.ForwardToken forward) {
                forwardOrHold(forward);
            } else if (effect instanceof OrderingEffect.Deliver d) {
                deliver(d.message());
            } else if (effect instanceof OrderingEffect.FailedToReceive failed) {
                getContext().getLog().warn("FAILED TO RECEIVE: aru {} stuck for {} visits (membership not built: "
                        + "the token is not forwarded and the ring stops)", failed.aru(), failed.visits());
            }
        }
    }

    private void sendToPeers(OrderedMessage message) {
        for (int member : core.ring().members()) {
            if (member != settings.nodeId()) {
                transport.tell(new TransportActor.Send(member, 0, TotemFrames.toFrame(settings.nodeId(), member, message)));
            }
        }
    }

    private void forwardOrHold(OrderingEffect.ForwardToken forward) {
        if (hold.onForward(forward.token(), core.queued())) {
            tokenHolds++;
            heldToken = forward;
            timers.startSingleTimer(ReleaseToken.INSTANCE, ReleaseToken.INSTANCE, holdTime);
        } else {
            send(forward);
        }
    }

    private Behavior<Command> onReleaseToken() {
        OrderingEffect.ForwardToken forward = heldToken;
        heldToken = null;
        if (forward != null) {
            send(forward);
        }
        return this;
    }

    /** Sends the token to the successor; in a one-member ring the successor is this node. */
    private void send(OrderingEffect.ForwardToken forward) {
        if (forward.toNodeId() == settings.nodeId()) {
            onToken(forward.token());
            return;
        }
        transport.tell(new TransportActor.Send(forward.toNodeId(), 0,
                TotemFrames.toFrame(settings.nodeId(), forward.toNodeId(), forward.token())));
    }

    private void deliver(OrderedMessage message) {
        Delivered delivered = new Delivered(message.senderNodeId(), message.seq(), message.delivery(), message.payload());
        subscribers.forEach(s -> s.tell(delivered));
    }

    private Behavior<Command> onTokenSilence() {
        tokenSilences++;
        getContext().getLog().warn("no token for {} ms on ring {} (token loss handling needs membership, not built)",
                tokenTimeout.toMillis(), core.ring().ringId());
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onSubscriberStopped(SubscriberStopped stopped) {
        subscribers.remove(stopped.subscriber());
        return this;
    }

    private Behavior<Command> onGetStats(GetStats get) {
        get.replyTo().tell(new TotemStats(settings.nodeId(), core.ring().ringId(), started, core.counters(),
                tokenHolds, tokenSilences, tooLarge));
        return this;
    }
}
