package io.ringsync.node.cmap;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.service.NodeContext;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.TotemRuntimeConfig;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.protocol.transport.EndpointStatus;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.time.Duration;
import java.util.Set;
import java.util.SortedMap;

/**
 * The node's runtime database and {@code cfg} operations (Corosync's cmap and cfg services): a thin
 * actor around a {@link CmapStore} and, behind a {@link ServiceChannel}, the replicated
 * {@link CfgService}.
 *
 * <p>It keeps the store current: the configuration ({@link ConfigKeys}) at start and after each
 * committed reload, {@code runtime.members.*} from Totem's regular configurations
 * ({@link MemberKeys}), {@code runtime.votequorum.*} from each status the quorum service publishes
 * (subscribed again at every ring, so a restarted quorum actor is followed too),
 * {@code stats.srp.*} read from Totem before each read that covers them and every
 * {@value #STATS_POLL_MS} ms while a tracker covers them, {@code runtime.config.totem.*} as Totem
 * reports the values it runs with (at start, at every ring, after a reload), the reload status
 * ({@code config.reload_in_progress}, {@code runtime.config.reload.*}), and
 * {@code runtime.transport.endpoint.*} from each status of the transport's own endpoint
 * ({@link TransportKeys}: open or waiting for {@code totem.downcheck}).
 *
 * <p>Clients read, write, delete and track through its protocol (or {@link Cmap}); trackers are
 * actors told each {@link CmapEvent}, or polled buffers for IPC clients (dropped after
 * {@link #POLLED_TRACK_IDLE} without a poll). Restarted, the actor has lost its clients' keys and
 * trackers, as a restarted corosync would.
 *
 * <p>The actor only routes: it carries out {@link CfgService}'s effects and puts the quorum and
 * transport statuses, and hands everything else to its parts, each run on its thread:
 * {@link CmapClients} (reads, writes, trackers, polls), {@link TotemReports} ({@code stats.srp.*}
 * and the Totem values in effect), {@link ConfigReload} (this node's side of each reload) and
 * {@link ClusterOps} (the reload, kill and shutdown a client asks for).
 */
public final class CmapActor extends AbstractBehavior<CmapActor.Command> {

    /** How long an asked-for reload or kill may take before its asker is told it did not end. */
    public static final Duration CLUSTER_OP_TIMEOUT = Duration.ofSeconds(15);
    /** A polled track without a poll for this long is dropped (its client is gone). */
    public static final Duration POLLED_TRACK_IDLE = Duration.ofSeconds(60);
    /** Longest wait of one poll for events. */
    public static final Duration MAX_POLL_WAIT = Duration.ofSeconds(5);
    /** How often tracked {@code stats.*} keys are read again from Totem ({@link TotemReports}). */
    static final long STATS_POLL_MS = 1000;
    /** How long an ask of Totem (stats, runtime values, a multicast) may take. */
    static final Duration TOTEM_ASK = Duration.ofSeconds(3);

    /** This actor's protocol. */
    public sealed interface Command permits GetValue, ListKeys, SetValue, DeleteKey, Track, TrackPolled, Untrack, Poll,
            Reload, Kill, Shutdown, TotemEventIn, QuorumIn, StatsRead, Tick, PollDeadline, OpDeadline, OpRefused,
            TrackerGone, VotesApplied, RetireKey, RuntimeConfigIn, EndpointIn {
    }

    /** The value of {@code key} ({@link CmapError#NOT_EXIST} when none). */
    public record GetValue(String key, ActorRef<CmapReply<CmapValue>> replyTo) implements Command {
    }

    /** Every key starting with {@code prefix} ("" for all), sorted. */
    public record ListKeys(String prefix, ActorRef<SortedMap<String, CmapValue>> replyTo) implements Command {
    }

    /** Sets a writable key ({@link CmapKeys}). */
    public record SetValue(String key, CmapValue value, ActorRef<CmapReply<Done>> replyTo) implements Command {
    }

    /** Deletes a writable key. */
    public record DeleteKey(String key, ActorRef<CmapReply<Done>> replyTo) implements Command {
    }

    /** Tells {@code subscriber} every event of {@code kinds} on {@code key} (every key under it when {@code prefix}); the track id. */
    public record Track(String key, boolean prefix, Set<CmapEvent.Kind> kinds, ActorRef<CmapEvent> subscriber,
                        ActorRef<CmapReply<Long>> replyTo) implements Command {
    }

    /** As {@link Track}, the events kept for {@link Poll}s; the track id. */
    public record TrackPolled(String key, boolean prefix, Set<CmapEvent.Kind> kinds, ActorRef<CmapReply<Long>> replyTo)
            implements Command {
    }

    /** Removes a track. */
    public record Untrack(long trackId, ActorRef<CmapReply<Done>> replyTo) implements Command {
    }

    /** The events of polled track {@code trackId}, waiting up to {@code maxWait} (at most {@link #MAX_POLL_WAIT}) for one. */
    public record Poll(long trackId, Duration maxWait, ActorRef<CmapReply<PolledEvents>> replyTo) implements Command {
    }

    /** Every member re-reads its config file; answered with the outcome, the same on every member. */
    public record Reload(ActorRef<CmapReply<ReloadOutcome>> replyTo) implements Command {
    }

    /** Node {@code nodeId} leaves the ring and stops; answered once it has left this node's ring. */
    public record Kill(int nodeId, ActorRef<CmapReply<String>> replyTo) implements Command {
    }

    /** This node leaves the ring and stops; answered before it does. */
    public record Shutdown(ActorRef<CmapReply<String>> replyTo) implements Command {
    }

    private record TotemEventIn(TotemEvent event) implements Command {
    }

    private record QuorumIn(QuorumStatus status) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record EndpointIn(EndpointStatus status) implements Command {
    }

    // Internal messages of the actor's parts: package-private for them, not for other code.

    /** Totem's stats (null when it did not answer), then the request that waited for them, if any ({@link TotemReports}). */
    record StatsRead(TotemStats stats, Command then) implements Command {
    }

    /** The Totem values in effect, null when Totem did not answer ({@link TotemReports}). */
    record RuntimeConfigIn(TotemRuntimeConfig config) implements Command {
    }

    /** The wait of a parked poll is over ({@link CmapClients}). */
    record PollDeadline(long trackId, long pollSeq) implements Command {
    }

    /** A pushed tracker stopped, or a polled one went idle ({@link CmapClients}). */
    record TrackerGone(long trackId) implements Command {
    }

    /** An asked reload or kill had no outcome in time ({@link ClusterOps}). */
    record OpDeadline(String op) implements Command {
    }

    /** Totem's answer to a multicast of {@code op} ("" when no asker waits on it; {@link ClusterOps}). */
    record OpRefused(String op, TotemActor.MulticastResult result) implements Command {
    }

    /** The quorum service's answer to reloaded votes ({@link ConfigReload}). */
    record VotesApplied(QuorumActor.ChangeResult result) implements Command {
    }

    /** A key rollover's grace is over ({@link ConfigReload}). */
    record RetireKey(int keyId) implements Command {
    }

    private final NodeContext node;
    private final CmapStore store = new CmapStore();
    private final ServiceBinding binding;
    private final CfgService cfg;
    private final ServiceChannel channel;
    private final MemberKeys members;
    private final CmapClients clients;
    private final TotemReports reports;
    private final ClusterOps ops;
    private final ConfigReload reload;
    private final ActorRef<QuorumStatus> quorumAdapter;

    private CmapActor(ActorContext<Command> context, TimerScheduler<Command> timers, ServiceBinding binding,
                      NodeContext node, RingsyncSettings settings) {
        super(context);
        this.binding = binding;
        this.node = node;
        this.cfg = new CfgService(settings.nodeId());
        this.channel = new ServiceChannel(cfg);
        this.members = new MemberKeys(settings);
        this.quorumAdapter = context.messageAdapter(QuorumStatus.class, QuorumIn::new);
        this.clients = new CmapClients(context, timers, store);
        this.reports = new TotemReports(context, binding, store, clients);
        this.ops = new ClusterOps(context, timers, binding, node, cfg, settings.nodeId());
        this.reload = new ConfigReload(context, timers, binding, node, settings, store, clients, reports, cfg, members,
                ops.ignoredAnswers());
        binding.subscribe(ServiceId.CMAP, context.messageAdapter(TotemEvent.class, TotemEventIn::new));
        node.quorum().ifPresent(quorum -> quorum.tell(new QuorumActor.Subscribe(quorumAdapter)));
        node.live().transport().ifPresent(transport -> transport.tell(new TransportActor.WatchEndpoint(
                context.messageAdapter(EndpointStatus.class, EndpointIn::new))));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(STATS_POLL_MS));
        context.getLog().debug("cmap: started with {} keys", store.size());
    }

    /** The CMAP service of the node of {@code settings}. */
    public static Behavior<Command> create(ServiceBinding binding, NodeContext node, RingsyncSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new CmapActor(context, timers, binding, node,
                settings)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(GetValue.class, this::onGetValue)
                .onMessage(ListKeys.class, this::onListKeys)
                .onMessage(StatsRead.class, this::onStatsRead)
                .onMessage(SetValue.class, this::onSetValue)
                .onMessage(DeleteKey.class, this::onDeleteKey)
                .onMessage(Track.class, this::onTrack)
                .onMessage(TrackPolled.class, this::onTrackPolled)
                .onMessage(Untrack.class, this::onUntrack)
                .onMessage(Poll.class, this::onPoll)
                .onMessage(PollDeadline.class, this::onPollDeadline)
                .onMessage(TrackerGone.class, this::onTrackerGone)
                .onMessage(TotemEventIn.class, this::onTotemEvent)
                .onMessage(QuorumIn.class, this::onQuorum)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Reload.class, this::onReload)
                .onMessage(Kill.class, this::onKill)
                .onMessage(Shutdown.class, this::onShutdown)
                .onMessage(OpDeadline.class, this::onOpDeadline)
                .onMessage(OpRefused.class, this::onOpRefused)
                .onMessage(VotesApplied.class, this::onVotesApplied)
                .onMessage(RetireKey.class, this::onRetireKey)
                .onMessage(RuntimeConfigIn.class, this::onRuntimeConfig)
                .onMessage(EndpointIn.class, this::onEndpoint)
                .build();
    }

    // ---- clients: reads, writes, tracks and polls (CmapClients; stats read first: TotemReports)

    private Behavior<Command> onGetValue(GetValue get) {
        reports.read(get);
        return this;
    }

    private Behavior<Command> onListKeys(ListKeys list) {
        reports.read(list);
        return this;
    }

    private Behavior<Command> onStatsRead(StatsRead read) {
        reports.statsRead(read);
        return this;
    }

    private Behavior<Command> onSetValue(SetValue set) {
        clients.set(set);
        return this;
    }

    private Behavior<Command> onDeleteKey(DeleteKey delete) {
        clients.delete(delete);
        return this;
    }

    private Behavior<Command> onTrack(Track track) {
        clients.track(track);
        return this;
    }

    private Behavior<Command> onTrackPolled(TrackPolled track) {
        clients.trackPolled(track);
        return this;
    }

    private Behavior<Command> onUntrack(Untrack untrack) {
        clients.untrack(untrack);
        return this;
    }

    private Behavior<Command> onPoll(Poll poll) {
        clients.poll(poll);
        return this;
    }

    private Behavior<Command> onPollDeadline(PollDeadline deadline) {
        clients.pollDeadline(deadline);
        return this;
    }

    private Behavior<Command> onTrackerGone(TrackerGone gone) {
        clients.trackerGone(gone);
        return this;
    }

    private Behavior<Command> onTick() {
        clients.dropIdle();
        reports.pollTrackedStats();
        return this;
    }

    // ---- Totem, quorum and transport

    private Behavior<Command> onTotemEvent(TotemEventIn in) {
        binding.carryOut(channel.onEvent(in.event()), ops.ignoredAnswers());
        for (CfgEffect effect : cfg.takeEffects()) {
            carryOut(effect);
        }
        return this;
    }

    private void carryOut(CfgEffect effect) {
        if (effect instanceof CfgEffect.Regular regular) {
            clients.dispatch(store.replacePrefix(MemberKeys.PREFIX, members.regular(regular.members())));
            node.quorum().ifPresent(quorum -> quorum.tell(new QuorumActor.Subscribe(quorumAdapter)));
            ops.answerKills(regular.left());
            reports.askRuntimeConfig();
        } else if (effect instanceof CfgEffect.StopNode stop) {
            getContext().getLog().warn("cmap: {}", stop.reason());
            node.stopNode().accept(stop.reason());
        } else if (effect instanceof CfgEffect.ValidateReload validate) {
            reload.vote(validate);
        } else {
            CfgEffect.ReloadDecided decision = (CfgEffect.ReloadDecided) effect;
            reload.decided(decision);
            ops.reloadDecided(decision);
        }
    }

    private Behavior<Command> onQuorum(QuorumIn in) {
        clients.dispatch(store.replacePrefix(QuorumKeys.PREFIX, QuorumKeys.of(in.status(), reload.running().quorum())));
        return this;
    }

    private Behavior<Command> onEndpoint(EndpointIn in) {
        clients.dispatch(store.replacePrefix(TransportKeys.PREFIX, TransportKeys.of(in.status())));
        return this;
    }

    private Behavior<Command> onRuntimeConfig(RuntimeConfigIn in) {
        reports.runtimeConfig(in);
        return this;
    }

    // ---- cfg: reload (ConfigReload), reload asks, kill and shutdown (ClusterOps)

    private Behavior<Command> onReload(Reload asked) {
        ops.reload(asked);
        return this;
    }

    private Behavior<Command> onVotesApplied(VotesApplied applied) {
        reload.votesApplied(applied);
        return this;
    }

    private Behavior<Command> onRetireKey(RetireKey retire) {
        reload.retireKey(retire);
        return this;
    }

    private Behavior<Command> onKill(Kill kill) {
        ops.kill(kill);
        return this;
    }

    private Behavior<Command> onShutdown(Shutdown shutdown) {
        ops.shutdown(shutdown);
        return this;
    }

    private Behavior<Command> onOpRefused(OpRefused refused) {
        ops.refused(refused);
        return this;
    }

    private Behavior<Command> onOpDeadline(OpDeadline deadline) {
        ops.deadline(deadline);
        return this;
    }
}
