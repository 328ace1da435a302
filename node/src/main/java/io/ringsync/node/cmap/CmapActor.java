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
import io.ringsync.node.logging.LoggingSetup;
import io.ringsync.node.service.NodeContext;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemRuntimeConfig;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.protocol.transport.EndpointStatus;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

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
 */
public final class CmapActor extends AbstractBehavior<CmapActor.Command> {

    /** How long an asked-for reload or kill may take before its asker is told it did not end. */
    public static final Duration CLUSTER_OP_TIMEOUT = Duration.ofSeconds(15);
    /** A polled track without a poll for this long is dropped (its client is gone). */
    public static final Duration POLLED_TRACK_IDLE = Duration.ofSeconds(60);
    /** Longest wait of one poll for events. */
    public static final Duration MAX_POLL_WAIT = Duration.ofSeconds(5);
    static final long STATS_POLL_MS = 1000;
    private static final Duration STATS_ASK = Duration.ofSeconds(3);
    /** Set while reloaded Totem values wait for the next ring. */
    static final String TOTEM_PENDING = "runtime.config.reload.totem_pending";

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

    private record TotemEventIn(TotemActor.TotemEvent event) implements Command {
    }

    private record QuorumIn(QuorumStatus status) implements Command {
    }

    /** Totem's stats (null when it did not answer), then the request that waited for them, if any. */
    private record StatsRead(TotemStats stats, Command then) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record PollDeadline(long trackId, long pollSeq) implements Command {
    }

    private record OpDeadline(String op) implements Command {
    }

    private record OpRefused(String op, TotemActor.MulticastResult result) implements Command {
    }

    private record TrackerGone(long trackId) implements Command {
    }

    private record VotesApplied(QuorumActor.ChangeResult result) implements Command {
    }

    private record RetireKey(int keyId) implements Command {
    }

    /** The Totem values in effect (null when Totem did not answer). */
    private record RuntimeConfigIn(TotemRuntimeConfig config) implements Command {
    }

    private record EndpointIn(EndpointStatus status) implements Command {
    }

    private record ParkedPoll(long seq, ActorRef<CmapReply<PolledEvents>> replyTo) {
    }

    private final ServiceBinding binding;
    private final NodeContext node;
    private final TimerScheduler<Command> timers;
    private final int nodeId;
    private final CmapStore store = new CmapStore();
    private final CfgService cfg;
    private final ServiceChannel channel;
    private final MemberKeys members;
    private final ReloadCandidates reloads;
    private final PolledTracks polled = new PolledTracks();
    private final Map<Long, ActorRef<CmapEvent>> pushed = new HashMap<>();
    private final Map<Long, ParkedPoll> parked = new HashMap<>();
    private final Map<Long, ActorRef<CmapReply<ReloadOutcome>>> reloadAskers = new HashMap<>();
    private final Map<Integer, List<ActorRef<CmapReply<String>>>> killAskers = new HashMap<>();
    private final ActorRef<QuorumStatus> quorumAdapter;
    private final ActorRef<TotemActor.MulticastResult> ignoredAnswers;
    private long nextRequestId = 1;
    private long nextPollSeq = 1;
    private long reloadCount;

    private CmapActor(ActorContext<Command> context, TimerScheduler<Command> timers, ServiceBinding binding,
                      NodeContext node, RingsyncSettings settings) {
        super(context);
        this.binding = binding;
        this.node = node;
        this.timers = timers;
        this.nodeId = settings.nodeId();
        this.cfg = new CfgService(nodeId);
        this.channel = new ServiceChannel(cfg);
        this.members = new MemberKeys(settings);
        this.reloads = new ReloadCandidates(settings, node.keyRing());
        this.quorumAdapter = context.messageAdapter(QuorumStatus.class, QuorumIn::new);
        this.ignoredAnswers = context.messageAdapter(TotemActor.MulticastResult.class, r -> new OpRefused("", r));
        putConfig(settings, true);
        store.put("config.reload_in_progress", CmapValue.flag(false));
        store.put(TOTEM_PENDING, CmapValue.flag(false));
        store.put("runtime.config.reload.count", CmapValue.u32(0));
        store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys());
        binding.subscribe(ServiceId.CMAP, context.messageAdapter(TotemActor.TotemEvent.class, TotemEventIn::new));
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
                .onMessage(GetValue.class, get -> readStatsFirst(get.key().startsWith("stats."), get))
                .onMessage(ListKeys.class, list -> readStatsFirst(overlapsStats(list.prefix()), list))
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

    // ---- reads and writes

    private static boolean overlapsStats(String prefix) {
        return prefix.startsWith("stats.") || "stats.".startsWith(prefix);
    }

    private Behavior<Command> readStatsFirst(boolean needed, Command request) {
        if (!needed) {
            return answer(request);
        }
        getContext().ask(TotemStats.class, binding.totem(), STATS_ASK, TotemActor.GetStats::new,
                (stats, failure) -> new StatsRead(stats, request));
        return this;
    }

    private Behavior<Command> onStatsRead(StatsRead read) {
        if (read.stats() != null) {
            dispatch(store.replacePrefix(StatsKeys.PREFIX, StatsKeys.of(read.stats())));
        }
        return read.then() == null ? this : answer(read.then());
    }

    private Behavior<Command> answer(Command request) {
        if (request instanceof GetValue get) {
            get.replyTo().tell(store.get(get.key()).map(CmapReply::ok)
                    .orElseGet(() -> CmapReply.refused(CmapError.NOT_EXIST, "no key " + get.key())));
        } else if (request instanceof ListKeys list) {
            list.replyTo().tell(store.list(list.prefix()));
        }
        return this;
    }

    private Behavior<Command> onSetValue(SetValue set) {
        try {
            dispatch(store.set(set.key(), set.value()));
            set.replyTo().tell(CmapReply.ok(Done.getInstance()));
        } catch (CmapException e) {
            set.replyTo().tell(CmapReply.refused(e));
        }
        return this;
    }

    private Behavior<Command> onDeleteKey(DeleteKey delete) {
        try {
            dispatch(store.delete(delete.key()));
            delete.replyTo().tell(CmapReply.ok(Done.getInstance()));
        } catch (CmapException e) {
            delete.replyTo().tell(CmapReply.refused(e));
        }
        return this;
    }

    // ---- tracking

    private Behavior<Command> onTrack(Track track) {
        try {
            long id = store.track(track.key(), track.prefix(), track.kinds());
            pushed.put(id, track.subscriber());
            getContext().watchWith(track.subscriber(), new TrackerGone(id));
            track.replyTo().tell(CmapReply.ok(id));
        } catch (CmapException e) {
            track.replyTo().tell(CmapReply.refused(e));
        }
        return this;
    }

    private Behavior<Command> onTrackPolled(TrackPolled track) {
        try {
            long id = store.track(track.key(), track.prefix(), track.kinds());
            polled.add(id, System.nanoTime());
            track.replyTo().tell(CmapReply.ok(id));
        } catch (CmapException e) {
            track.replyTo().tell(CmapReply.refused(e));
        }
        return this;
    }

    private Behavior<Command> onUntrack(Untrack untrack) {
        try {
            store.untrack(untrack.trackId());
            dropTrack(untrack.trackId());
            untrack.replyTo().tell(CmapReply.ok(Done.getInstance()));
        } catch (CmapException e) {
            untrack.replyTo().tell(CmapReply.refused(e));
        }
        return this;
    }

    private void dropTrack(long id) {
        ActorRef<CmapEvent> subscriber = pushed.remove(id);
        if (subscriber != null) {
            getContext().unwatch(subscriber);
        }
        polled.remove(id);
        ParkedPoll poll = parked.remove(id);
        if (poll != null) {
            poll.replyTo().tell(CmapReply.refused(CmapError.BAD_HANDLE, "track " + id + " was removed"));
        }
    }

    private Behavior<Command> onTrackerGone(TrackerGone gone) {
        try {
            store.untrack(gone.trackId());
        } catch (CmapException e) {
            // already removed by an Untrack
        }
        dropTrack(gone.trackId());
        return this;
    }

    private Behavior<Command> onPoll(Poll poll) {
        if (!polled.contains(poll.trackId())) {
            poll.replyTo().tell(CmapReply.refused(CmapError.BAD_HANDLE, "no polled track " + poll.trackId()));
            return this;
        }
        ParkedPoll earlier = parked.remove(poll.trackId());
        if (earlier != null) {
            earlier.replyTo().tell(CmapReply.ok(new PolledEvents(List.of(), 0)));
        }
        if (polled.hasEvents(poll.trackId()) || poll.maxWait().isZero() || poll.maxWait().isNegative()) {
            poll.replyTo().tell(CmapReply.ok(polled.take(poll.trackId(), System.nanoTime())));
            return this;
        }
        long seq = nextPollSeq++;
        polled.touch(poll.trackId(), System.nanoTime());
        parked.put(poll.trackId(), new ParkedPoll(seq, poll.replyTo()));
        Duration wait = poll.maxWait().compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : poll.maxWait();
        timers.startSingleTimer("poll-" + poll.trackId(), new PollDeadline(poll.trackId(), seq), wait);
        return this;
    }

    private Behavior<Command> onPollDeadline(PollDeadline deadline) {
        ParkedPoll poll = parked.get(deadline.trackId());
        if (poll != null && poll.seq() == deadline.pollSeq()) {
            parked.remove(deadline.trackId());
            poll.replyTo().tell(CmapReply.ok(polled.take(deadline.trackId(), System.nanoTime())));
        }
        return this;
    }

    /** Hands each notification to its tracker: an actor, or a polled buffer (answering a waiting poll). */
    private void dispatch(List<CmapStore.Notification> notifications) {
        for (CmapStore.Notification notification : notifications) {
            long id = notification.trackId();
            if (polled.offer(id, notification.event())) {
                ParkedPoll poll = parked.remove(id);
                if (poll != null) {
                    timers.cancel("poll-" + id);
                    poll.replyTo().tell(CmapReply.ok(polled.take(id, System.nanoTime())));
                }
            } else {
                ActorRef<CmapEvent> subscriber = pushed.get(id);
                if (subscriber != null) {
                    subscriber.tell(notification.event());
                }
            }
        }
    }

    private Behavior<Command> onTick() {
        for (long id : polled.expire(System.nanoTime() - POLLED_TRACK_IDLE.toNanos())) {
            getContext().getLog().debug("cmap: dropping polled track {}: no poll for {} s", id, POLLED_TRACK_IDLE.toSeconds());
            onTrackerGone(new TrackerGone(id));
        }
        boolean statsTracked = store.tracks().stream().anyMatch(t -> t.prefix() ? overlapsStats(t.key())
                : t.key().startsWith("stats."));
        return statsTracked ? readStatsFirst(true, null) : this;
    }

    // ---- Totem and quorum

    private Behavior<Command> onTotemEvent(TotemEventIn in) {
        binding.carryOut(channel.onEvent(in.event()), ignoredAnswers);
        for (CfgEffect effect : cfg.takeEffects()) {
            carryOut(effect);
        }
        return this;
    }

    private void carryOut(CfgEffect effect) {
        if (effect instanceof CfgEffect.Regular regular) {
            dispatch(store.replacePrefix(MemberKeys.PREFIX, members.regular(regular.members())));
            node.quorum().ifPresent(quorum -> quorum.tell(new QuorumActor.Subscribe(quorumAdapter)));
            answerKills(regular.left());
            askRuntimeConfig();
        } else if (effect instanceof CfgEffect.StopNode stop) {
            getContext().getLog().warn("cmap: {}", stop.reason());
            node.stopNode().accept(stop.reason());
        } else if (effect instanceof CfgEffect.ValidateReload validate) {
            vote(validate);
        } else {
            decided((CfgEffect.ReloadDecided) effect);
        }
    }

    private Behavior<Command> onQuorum(QuorumIn in) {
        dispatch(store.replacePrefix(QuorumKeys.PREFIX, QuorumKeys.of(in.status(), reloads.running().quorum())));
        return this;
    }

    private Behavior<Command> onEndpoint(EndpointIn in) {
        dispatch(store.replacePrefix(TransportKeys.PREFIX, TransportKeys.of(in.status())));
        return this;
    }

    // ---- cfg: reload

    private Behavior<Command> onReload(Reload reload) {
        long id = nextRequestId++;
        reloadAskers.put(id, reload.replyTo());
        timers.startSingleTimer("reload-" + id, new OpDeadline("reload-" + id), CLUSTER_OP_TIMEOUT);
        multicast("reload-" + id, new CfgMessage.ReloadRequest(nodeId, id));
        return this;
    }

    private void vote(CfgEffect.ValidateReload validate) {
        ReloadVerdict verdict = reloads.validate(validate.origin(), validate.requestId(), cfg.members());
        getContext().getLog().info("cmap: reload {}/{} asked: this node's file is {}", validate.origin(),
                validate.requestId(), verdict.valid() ? "valid" : "invalid: " + String.join("; ", verdict.problems()));
        dispatch(store.put("config.reload_in_progress", CmapValue.flag(true)));
        dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        binding.multicast(ServiceId.CMAP, Delivery.AGREED, cfg.vote(validate.origin(), validate.requestId(), verdict),
                ignoredAnswers);
    }

    private void decided(CfgEffect.ReloadDecided decision) {
        boolean applied = reloads.decided(decision.origin(), decision.requestId(), decision.commit())
                .map(this::apply).isPresent();
        reloads.keyDecided(decision.origin(), decision.requestId(), decision.commit()).ifPresent(keyId ->
                timers.startSingleTimer("retire-key", new RetireKey(keyId), KeyRollover.GRACE));
        dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        String result = decision.commit() ? (applied ? "applied" : "committed elsewhere") : "not applied";
        String why = !decision.abortReason().isEmpty() ? decision.abortReason() : decision.verdicts().stream()
                .filter(v -> !v.valid()).map(v -> "node " + v.nodeId() + ": " + String.join("; ", v.problems()))
                .findFirst().orElse("");
        reloadCount++;
        dispatch(store.put("runtime.config.reload.count", CmapValue.u32(reloadCount)));
        dispatch(store.put("runtime.config.reload.last_result", CmapValue.str(result)));
        dispatch(store.put("runtime.config.reload.last_reason", CmapValue.str(why)));
        dispatch(store.put("config.reload_in_progress", CmapValue.flag(reloads.inProgress())));
        getContext().getLog().info("cmap: reload {}/{} {}{}", decision.origin(), decision.requestId(), result,
                why.isEmpty() ? "" : ": " + why);
        if (decision.origin() == nodeId) {
            timers.cancel("reload-" + decision.requestId());
            ActorRef<CmapReply<ReloadOutcome>> asker = reloadAskers.remove(decision.requestId());
            if (asker != null) {
                asker.tell(CmapReply.ok(new ReloadOutcome(decision.commit(), decision.verdicts(), decision.abortReason())));
            }
        }
    }

    /**
     * Applies a committed plan: the config keys, the logging, this node's votes, and the nodelist,
     * Totem timers and expected votes ({@link NodelistReload}).
     */
    private ReloadPlan apply(ReloadPlan plan) {
        RingsyncSettings next = plan.next();
        putConfig(next, false);
        node.live().apply(next);
        if (NodelistReload.touchesMembership(plan.verdict().applied())) {
            dispatch(store.replacePrefix(MemberKeys.PREFIX, members.nodelist(next)));
            askRuntimeConfig();
        }
        plan.expectedVotes().ifPresent(expected -> node.quorum().ifPresent(quorum -> quorum.tell(
                new QuorumActor.ReloadExpected(expected, getContext().messageAdapter(QuorumActor.ChangeResult.class,
                        VotesApplied::new)))));
        if (!plan.verdict().applied().stream().filter(line -> line.startsWith("logging.")).toList().isEmpty()
                && !LoggingSetup.reconfigure(next.logging())) {
            getContext().getLog().info("cmap: logging of this JVM is not the node's own: new levels not applied");
        }
        plan.localVotes().ifPresent(votes -> node.quorum().ifPresent(quorum -> quorum.tell(new QuorumActor.SetVotes(0,
                votes, getContext().messageAdapter(QuorumActor.ChangeResult.class, VotesApplied::new)))));
        return plan;
    }

    /** The key rollover's last step, {@link KeyRollover#GRACE} after its commit. */
    private Behavior<Command> onRetireKey(RetireKey retire) {
        reloads.retireKey(retire.keyId());
        dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        getContext().getLog().info("cmap: frame key rollover done: key {} only is accepted from now on",
                AuthKey.hex(retire.keyId()));
        return this;
    }

    private Behavior<Command> onVotesApplied(VotesApplied applied) {
        if (!applied.result().applied()) {
            getContext().getLog().warn("cmap: reload: the quorum service refused a reloaded value: {}",
                    applied.result().error());
        }
        return this;
    }

    /** Asks Totem which values it runs with, for {@code runtime.config.totem.*}. */
    private void askRuntimeConfig() {
        getContext().ask(TotemRuntimeConfig.class, binding.totem(), STATS_ASK, TotemActor.GetRuntimeConfig::new,
                (config, failure) -> new RuntimeConfigIn(config));
    }

    private Behavior<Command> onRuntimeConfig(RuntimeConfigIn in) {
        if (in.config() != null) {
            dispatch(store.replacePrefix(ConfigKeys.RUNTIME_TOTEM,
                    ConfigKeys.runtimeTotem(in.config().totem(), in.config().nodeCount())));
            dispatch(store.put(TOTEM_PENDING, CmapValue.flag(in.config().changePending())));
        }
        return this;
    }

    /**
     * The configuration keys of {@code settings}; {@code runtime.config.totem.*} too only
     * {@code atStart}: after that they are Totem's own report ({@link #askRuntimeConfig}), since a
     * reload's timers run only from the next ring.
     */
    private void putConfig(RingsyncSettings settings, boolean atStart) {
        Map<String, CmapValue> keys = ConfigKeys.of(settings);
        for (String section : ConfigKeys.SECTIONS) {
            if (!atStart && section.equals(ConfigKeys.RUNTIME_TOTEM)) {
                continue;
            }
            Map<String, CmapValue> part = new TreeMap<>();
            keys.forEach((key, value) -> {
                if (key.startsWith(section) && (section.startsWith("runtime.") || !key.startsWith("runtime."))) {
                    part.put(key, value);
                }
            });
            dispatch(store.replacePrefix(section, part));
        }
    }

    // ---- cfg: kill and shutdown

    private Behavior<Command> onKill(Kill kill) {
        if (kill.nodeId() == nodeId) {
            return onShutdown(new Shutdown(kill.replyTo()));
        }
        if (!cfg.members().contains(kill.nodeId())) {
            kill.replyTo().tell(CmapReply.refused(CmapError.NOT_EXIST, "node " + kill.nodeId()
                    + " is not a member of this node's ring (members " + cfg.members() + ")"));
            return this;
        }
        killAskers.computeIfAbsent(kill.nodeId(), id -> new ArrayList<>()).add(kill.replyTo());
        timers.startSingleTimer("kill-" + kill.nodeId(), new OpDeadline("kill-" + kill.nodeId()), CLUSTER_OP_TIMEOUT);
        multicast("kill-" + kill.nodeId(), new CfgMessage.Kill(nodeId, kill.nodeId()));
        return this;
    }

    private void answerKills(List<Integer> left) {
        for (int id : left) {
            List<ActorRef<CmapReply<String>>> askers = killAskers.remove(id);
            if (askers != null) {
                timers.cancel("kill-" + id);
                askers.forEach(a -> a.tell(CmapReply.ok("node " + id + " left the ring")));
            }
        }
    }

    private Behavior<Command> onShutdown(Shutdown shutdown) {
        shutdown.replyTo().tell(CmapReply.ok("node " + nodeId + " is leaving the ring and stopping"));
        node.shutdownNode().accept("asked to shut down (ringsync cfg shutdown)");
        return this;
    }

    // ---- requests through the order

    private void multicast(String op, CfgMessage message) {
        getContext().ask(TotemActor.MulticastResult.class, binding.totem(), STATS_ASK,
                replyTo -> new TotemActor.Multicast(Delivery.AGREED,
                        ServiceEnvelope.app(ServiceId.CMAP, CfgCodec.encode(message)), replyTo),
                (result, failure) -> new OpRefused(op, result == null ? TotemActor.MulticastResult.ACCEPTED : result));
    }

    private Behavior<Command> onOpRefused(OpRefused refused) {
        if (refused.result() != TotemActor.MulticastResult.ACCEPTED) {
            fail(refused.op(), "Totem did not take the request (" + refused.result() + "): retry");
        }
        return this;
    }

    private Behavior<Command> onOpDeadline(OpDeadline deadline) {
        fail(deadline.op(), "no outcome within " + CLUSTER_OP_TIMEOUT.toSeconds() + " s (a ring change may have "
                + "lost it): check and retry");
        return this;
    }

    private void fail(String op, String why) {
        if (op.startsWith("reload-")) {
            long id = Long.parseLong(op.substring("reload-".length()));
            timers.cancel(op);
            ActorRef<CmapReply<ReloadOutcome>> asker = reloadAskers.remove(id);
            if (asker != null) {
                asker.tell(CmapReply.refused(CmapError.NOT_EXIST, "reload: " + why));
            }
        } else if (op.startsWith("kill-")) {
            int id = Integer.parseInt(op.substring("kill-".length()));
            timers.cancel(op);
            List<ActorRef<CmapReply<String>>> askers = killAskers.remove(id);
            if (askers != null) {
                askers.forEach(a -> a.tell(CmapReply.refused(CmapError.NOT_EXIST, "kill of node " + id + ": " + why)));
            }
        }
    }
}
