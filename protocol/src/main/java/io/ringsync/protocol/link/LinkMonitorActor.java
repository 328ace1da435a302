package io.ringsync.protocol.link;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.transport.TransportStats;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a {@link LinkMonitor} core: subscribes to the transport's inbound frames, ticks the
 * core every quarter ping interval (timer key {@link Tick}), sends the frames it asks for,
 * logs every link change at INFO and forwards it to link-event subscribers (watched, dropped
 * when they stop). {@link GetStatus} asks the transport for fresh counters (timeout 2 s, then
 * the report carries none) so the report is current, not a cached snapshot.
 */
public final class LinkMonitorActor extends AbstractBehavior<LinkMonitorActor.Command> {

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(2);

    /** This actor's protocol. */
    public sealed interface Command permits GetStatus, SubscribeLinkEvents, ChangeNodelist, Tick, FrameIn, StatsReady,
            SubscriberStopped {
    }

    /** Monitor the peers of {@code nodelist} from now on ({@link LinkMonitor#changeNodelist}). */
    public record ChangeNodelist(List<NodeEntry> nodelist) implements Command {
    }

    /** Reply with every link's status and the transport counters. */
    public record GetStatus(ActorRef<LinkStatusReport> replyTo) implements Command {
    }

    /** Send every later link change to {@code subscriber}, until it stops. */
    public record SubscribeLinkEvents(ActorRef<LinkStatus> subscriber) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record FrameIn(TransportActor.Inbound inbound) implements Command {
    }

    private record StatsReady(ActorRef<LinkStatusReport> replyTo, TransportStats stats) implements Command {
    }

    private record SubscriberStopped(ActorRef<LinkStatus> subscriber) implements Command {
    }

    private final RingsyncSettings settings;
    private final ActorRef<TransportActor.Command> transport;
    private final LinkMonitor core;
    private final Set<ActorRef<LinkStatus>> subscribers = new LinkedHashSet<>();

    /** A link monitor for {@code settings}' node, sending through {@code transport}. */
    public static Behavior<Command> create(RingsyncSettings settings, ActorRef<TransportActor.Command> transport) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new LinkMonitorActor(ctx, timers, settings, transport)));
    }

    private LinkMonitorActor(ActorContext<Command> ctx, TimerScheduler<Command> timers,
                             RingsyncSettings settings, ActorRef<TransportActor.Command> transport) {
        super(ctx);
        this.settings = settings;
        this.transport = transport;
        this.core = new LinkMonitor(settings);
        transport.tell(new TransportActor.Subscribe(ctx.messageAdapter(TransportActor.Inbound.class, FrameIn::new)));
        Duration tick = Duration.ofMillis(Math.max(1, settings.links().pingIntervalMs() / LinkMonitor.DOWN_PING_SPEEDUP));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, tick);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FrameIn.class, this::onFrameIn)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(StatsReady.class, this::onStatsReady)
                .onMessage(SubscribeLinkEvents.class, this::onSubscribe)
                .onMessage(ChangeNodelist.class, this::onChangeNodelist)
                .onMessage(SubscriberStopped.class, this::onSubscriberStopped)
                .build();
    }

    private Behavior<Command> onTick() {
        return apply(core.onTick(System.nanoTime()));
    }

    private Behavior<Command> onFrameIn(FrameIn in) {
        return apply(core.onFrame(in.inbound().frame(), in.inbound().receivedNanos()));
    }

    private Behavior<Command> apply(List<LinkEffect> effects) {
        for (LinkEffect effect : effects) {
            if (effect instanceof LinkEffect.SendFrame send) {
                transport.tell(new TransportActor.Send(send.nodeId(), send.linkNumber(), send.frame()));
            } else if (effect instanceof LinkEffect.LinkChanged changed) {
                getContext().getLog().info(LinkLogFormat.describe(changed));
                subscribers.forEach(s -> s.tell(changed.status()));
            }
        }
        return this;
    }

    private Behavior<Command> onChangeNodelist(ChangeNodelist change) {
        core.changeNodelist(change.nodelist());
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        getContext().ask(TransportStats.class, transport, STATS_TIMEOUT, TransportActor.GetStats::new,
                (stats, failure) -> new StatsReady(get.replyTo(), stats));
        return this;
    }

    private Behavior<Command> onStatsReady(StatsReady ready) {
        Map<String, Long> counters = ready.stats() == null ? Map.of() : ready.stats().asMap();
        ready.replyTo().tell(new LinkStatusReport(settings.nodeId(), settings.clusterName(), core.statuses(), counters));
        return this;
    }

    private Behavior<Command> onSubscribe(SubscribeLinkEvents subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberStopped(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onSubscriberStopped(SubscriberStopped stopped) {
        subscribers.remove(stopped.subscriber());
        return this;
    }
}
