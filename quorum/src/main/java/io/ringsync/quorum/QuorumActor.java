package io.ringsync.quorum;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node's votequorum service: a thin actor around {@link VoteQuorum}, fed Totem's events
 * through a {@link ServiceChannel}. It carries out the core's effects: the sync round's messages,
 * the last_man_standing window (a timer here, an ordered message for the cluster), the tracked
 * expected votes file, and answers to the changes this node asked for once they are applied in
 * the order. Requests are checked by the core before they are multicast; a refused one is answered
 * at once with the reason.
 *
 * <p>Readers get the {@link QuorumStatus}: on request ({@link GetStatus}), on every change
 * ({@link Subscribe}), or once quorate ({@link AwaitQuorate}). A status changes only at the end of
 * a sync round or when an ordered change is applied.
 */
public final class QuorumActor extends AbstractBehavior<QuorumActor.Command> {

    /** How long an asked-for change may take to come back through the order before it is reported lost. */
    public static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    /** This actor's protocol. */
    public sealed interface Command permits GetStatus, Subscribe, Unsubscribe, AwaitQuorate, SetExpected, SetVotes,
            ReloadExpected, CancelWaitForAll, Leave, TotemEventIn, MulticastAnswer, WindowElapsed, DeviceAnswered,
            RequestTimedOut, SubscriberGone, PollDevice {
    }

    /** Reply with the current status. */
    public record GetStatus(ActorRef<QuorumStatus> replyTo) implements Command {
    }

    /** Send {@code subscriber} the current status now and each new one after. */
    public record Subscribe(ActorRef<QuorumStatus> subscriber) implements Command {
    }

    /** Stop sending {@code subscriber} statuses. */
    public record Unsubscribe(ActorRef<QuorumStatus> subscriber) implements Command {
    }

    /** Reply with the status once the cluster is quorate (at once if it is). */
    public record AwaitQuorate(ActorRef<QuorumStatus> replyTo) implements Command {
    }

    /** Set every member's expected votes ({@code corosync-quorumtool -e}). */
    public record SetExpected(int expected, ActorRef<ChangeResult> replyTo) implements Command {
    }

    /**
     * Set every member's expected votes to those of a reloaded config (its nodelist's votes, or
     * its quorum.expected_votes), as votequorum does on a config reload: checked only for being at
     * least 1, not for quorum loss as {@link SetExpected} is (the operator changed the cluster's
     * size in the file; a nodelist grown past the members present is inquorate until they come).
     */
    public record ReloadExpected(int expected, ActorRef<ChangeResult> replyTo) implements Command {
    }

    /** Set node {@code nodeId}'s votes; node 0 is this node ({@code corosync-quorumtool -v -n}). */
    public record SetVotes(int nodeId, int votes, ActorRef<ChangeResult> replyTo) implements Command {
    }

    /** End wait_for_all's wait on every member ({@code quorum.cancel_wait_for_all}). */
    public record CancelWaitForAll(ActorRef<ChangeResult> replyTo) implements Command {
    }

    /** Announce that this node leaves cleanly (allow_downscale lowers expected votes); answered once the announcement is applied in the order. */
    public record Leave(ActorRef<ChangeResult> replyTo) implements Command {
    }

    /**
     * The answer to a change: applied in the order on this node, or refused with a one-line reason.
     *
     * @param applied true when applied
     * @param error   why not, or "" when applied
     */
    public record ChangeResult(boolean applied, String error) {

        /** Applied. */
        public static ChangeResult ok() {
            return new ChangeResult(true, "");
        }

        /** Refused or lost, because of {@code error}. */
        public static ChangeResult refused(String error) {
            return new ChangeResult(false, error);
        }
    }

    private record TotemEventIn(TotemEvent event) implements Command {
    }

    private record MulticastAnswer(TotemActor.MulticastResult result) implements Command {
    }

    private record WindowElapsed(RingId ring) implements Command {
    }

    private record DeviceAnswered(RingId ring, boolean cast) implements Command {
    }

    private record RequestTimedOut(long requestId) implements Command {
    }

    private record SubscriberGone(ActorRef<QuorumStatus> subscriber) implements Command {
    }

    private enum PollDevice implements Command { INSTANCE }

    private final ServiceBinding binding;
    private final QuorumSetup setup;
    private final VoteQuorum core;
    private final ServiceChannel channel;
    private final TimerScheduler<Command> timers;
    private final ActorRef<TotemActor.MulticastResult> answers;
    private final Set<ActorRef<QuorumStatus>> subscribers = new LinkedHashSet<>();
    private final List<ActorRef<QuorumStatus>> awaiting = new ArrayList<>();
    private final Map<Long, ActorRef<ChangeResult>> pending = new HashMap<>();
    private final List<ActorRef<ChangeResult>> leaveWaiters = new ArrayList<>();
    private long nextRequestId = 1;
    private QuorumStatus published;
    private RingId deviceAskedFor;
    private Long windowEndNs;

    /** The quorum service of the node of {@code settings}. */
    public static Behavior<Command> create(ServiceBinding binding, io.ringsync.config.RingsyncSettings settings) {
        return create(binding, QuorumSetup.of(settings));
    }

    /** The quorum service started from {@code setup}. */
    public static Behavior<Command> create(ServiceBinding binding, QuorumSetup setup) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new QuorumActor(context, timers, binding, setup)));
    }

    private QuorumActor(ActorContext<Command> context, TimerScheduler<Command> timers, ServiceBinding binding,
                        QuorumSetup setup) throws IOException {
        super(context);
        this.binding = binding;
        this.setup = setup;
        this.timers = timers;
        int tracked = setup.trackingFile().isPresent() ? TrackedExpectedVotes.read(setup.trackingFile().get()) : 0;
        this.core = new VoteQuorum(setup.localNodeId(), setup.votes(), setup.expected(), setup.options(), tracked);
        this.channel = new ServiceChannel(core);
        this.answers = context.messageAdapter(TotemActor.MulticastResult.class, MulticastAnswer::new);
        binding.subscribe(ServiceId.QUORUM, context.messageAdapter(TotemEvent.class, TotemEventIn::new));
        carryOutEffects();
        published = core.status();
        setup.device().flatMap(QuorumDevice::pollInterval).ifPresent(every ->
                timers.startTimerWithFixedDelay("device-poll", PollDevice.INSTANCE, every));
        context.getLog().info("votequorum: votes {}, expected votes {}, quorum {}", setup.votes(),
                published.expectedVotes(), published.quorum());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TotemEventIn.class, this::onTotemEvent)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, this::onUnsubscribe)
                .onMessage(SubscriberGone.class, this::onSubscriberGone)
                .onMessage(AwaitQuorate.class, this::onAwaitQuorate)
                .onMessage(SetExpected.class, this::onSetExpected)
                .onMessage(SetVotes.class, this::onSetVotes)
                .onMessage(ReloadExpected.class, this::onReloadExpected)
                .onMessage(CancelWaitForAll.class, this::onCancelWaitForAll)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(WindowElapsed.class, this::onWindowElapsed)
                .onMessage(DeviceAnswered.class, this::onDeviceAnswered)
                .onMessageEquals(PollDevice.INSTANCE, this::onPollDevice)
                .onMessage(RequestTimedOut.class, this::onRequestTimedOut)
                .onMessage(MulticastAnswer.class, this::onMulticastAnswer)
                .build();
    }

    private Behavior<Command> onTotemEvent(TotemEventIn in) {
        binding.carryOut(channel.onEvent(in.event()), answers);
        carryOutEffects();
        publishIfChanged();
        answerLeaveWaiters();
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        get.replyTo().tell(core.status());
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberGone(subscribe.subscriber()));
        }
        subscribe.subscriber().tell(core.status());
        return this;
    }

    private Behavior<Command> onUnsubscribe(Unsubscribe unsubscribe) {
        if (subscribers.remove(unsubscribe.subscriber())) {
            getContext().unwatch(unsubscribe.subscriber());
        }
        return this;
    }

    private Behavior<Command> onSubscriberGone(SubscriberGone gone) {
        subscribers.remove(gone.subscriber());
        awaiting.remove(gone.subscriber());
        return this;
    }

    private Behavior<Command> onAwaitQuorate(AwaitQuorate await) {
        if (core.status().quorate()) {
            await.replyTo().tell(core.status());
        } else {
            awaiting.add(await.replyTo());
        }
        return this;
    }

    private Behavior<Command> onSetExpected(SetExpected set) {
        Optional<String> refusal = core.checkSetExpected(set.expected());
        long id = nextRequestId;
        request(refusal, set.replyTo(), new QuorumMessage.SetExpected(setup.localNodeId(), id, set.expected()));
        return this;
    }

    private Behavior<Command> onReloadExpected(ReloadExpected reload) {
        Optional<String> refusal = reload.expected() < 1
                ? Optional.of("expected votes must be at least 1, got " + reload.expected()) : Optional.empty();
        long id = nextRequestId;
        request(refusal, reload.replyTo(), new QuorumMessage.SetExpected(setup.localNodeId(), id, reload.expected()));
        return this;
    }

    private Behavior<Command> onSetVotes(SetVotes set) {
        int nodeId = set.nodeId() == 0 ? setup.localNodeId() : set.nodeId();
        Optional<String> refusal = core.checkSetVotes(nodeId, set.votes());
        long id = nextRequestId;
        request(refusal, set.replyTo(), new QuorumMessage.SetVotes(setup.localNodeId(), id, nodeId, set.votes()));
        return this;
    }

    private Behavior<Command> onCancelWaitForAll(CancelWaitForAll cancel) {
        Optional<String> refusal = setup.options().waitForAll() ? Optional.empty()
                : Optional.of("wait_for_all is not configured");
        long id = nextRequestId;
        request(refusal, cancel.replyTo(), new QuorumMessage.CancelWaitForAll(setup.localNodeId(), id));
        return this;
    }

    /** The leave is answered once this node's announcement has been applied in the order (or never: the asker times out). */
    private Behavior<Command> onLeave(Leave leave) {
        multicast(core.leave());
        leaveWaiters.add(leave.replyTo());
        answerLeaveWaiters();
        return this;
    }

    private void answerLeaveWaiters() {
        if (!leaveWaiters.isEmpty() && core.leaveApplied()) {
            leaveWaiters.forEach(waiter -> waiter.tell(ChangeResult.ok()));
            leaveWaiters.clear();
        }
    }

    /** Multicasts {@code message} unless refused; the asker hears when it is applied, or why not. */
    private void request(Optional<String> refusal, ActorRef<ChangeResult> replyTo, QuorumMessage message) {
        if (refusal.isPresent()) {
            replyTo.tell(ChangeResult.refused(refusal.get()));
            return;
        }
        long id = nextRequestId++;
        pending.put(id, replyTo);
        timers.startSingleTimer("request-" + id, new RequestTimedOut(id), APPLY_TIMEOUT);
        multicast(message);
    }

    private void multicast(QuorumMessage message) {
        binding.multicast(ServiceId.QUORUM, Delivery.AGREED, QuorumCodec.encode(message), answers);
    }

    private Behavior<Command> onWindowElapsed(WindowElapsed elapsed) {
        windowEndNs = null;
        getContext().getLog().info("votequorum: last_man_standing window elapsed in ring {}", elapsed.ring());
        multicast(new QuorumMessage.LastManStandingExpired(elapsed.ring()));
        return this;
    }

    private Behavior<Command> onDeviceAnswered(DeviceAnswered answered) {
        Optional<RingId> ring = core.status().ringId();
        int votes = answered.cast() ? setup.device().orElseThrow().votes() : 0;
        if (ring.isPresent() && ring.get().equals(answered.ring()) && votes != core.localDeviceVotes()) {
            multicast(core.deviceVotes(votes));
        }
        return this;
    }

    /** Asks the device again in the current ring (its heartbeat); its answer is multicast only when it changes. */
    private Behavior<Command> onPollDevice() {
        deviceAskedFor = null;
        askDevice(core.status());
        return this;
    }

    private Behavior<Command> onRequestTimedOut(RequestTimedOut timedOut) {
        ActorRef<ChangeResult> replyTo = pending.remove(timedOut.requestId());
        if (replyTo != null) {
            replyTo.tell(ChangeResult.refused("not applied within " + APPLY_TIMEOUT.toSeconds()
                    + " s (a ring change may have lost it); check the status and retry"));
        }
        return this;
    }

    private Behavior<Command> onMulticastAnswer(MulticastAnswer answer) {
        if (answer.result() != TotemActor.MulticastResult.ACCEPTED) {
            getContext().getLog().warn("votequorum: Totem did not take a quorum message: {}", answer.result());
        }
        return this;
    }

    private void carryOutEffects() {
        for (QuorumEffect effect : core.takeEffects()) {
            if (effect instanceof QuorumEffect.PersistExpected persist) {
                persist(persist.expected());
            } else if (effect instanceof QuorumEffect.ArmLastManStanding arm) {
                timers.startSingleTimer("last-man-standing", new WindowElapsed(arm.ring()), windowLeft(arm));
            } else if (effect instanceof QuorumEffect.Applied applied) {
                timers.cancel("request-" + applied.requestId());
                ActorRef<ChangeResult> replyTo = pending.remove(applied.requestId());
                if (replyTo != null) {
                    replyTo.tell(ChangeResult.ok());
                }
            }
        }
    }

    /** The time until the window of {@code arm} ends: a whole one when it restarts or this node was not timing it. */
    private Duration windowLeft(QuorumEffect.ArmLastManStanding arm) {
        long now = System.nanoTime();
        if (arm.restart() || windowEndNs == null) {
            windowEndNs = now + Duration.ofMillis(arm.windowMs()).toNanos();
        }
        return Duration.ofNanos(Math.max(0, windowEndNs - now));
    }

    private void persist(int expected) {
        Path file = setup.trackingFile().orElseThrow();
        try {
            TrackedExpectedVotes.write(file, expected);
        } catch (IOException e) {
            getContext().getLog().error("votequorum: cannot keep expected votes {} in {}: {}", expected, file,
                    e.getMessage());
        }
    }

    private void publishIfChanged() {
        QuorumStatus now = core.status();
        if (now.equals(published)) {
            return;
        }
        if (now.quorate() != published.quorate()) {
            getContext().getLog().info("votequorum: {} in ring {} (total votes {}, quorum {})",
                    now.quorate() ? "quorate" : "quorum lost, activity blocked", now.ringId().map(RingId::toString)
                            .orElse("-"), now.totalVotes(), now.quorum());
        }
        boolean ringChanged = !now.ringId().equals(published.ringId());
        published = now;
        subscribers.forEach(s -> s.tell(now));
        if (now.quorate()) {
            awaiting.forEach(a -> a.tell(now));
            awaiting.clear();
        }
        if (ringChanged) {
            askDevice(now);
        }
    }

    private void askDevice(QuorumStatus now) {
        if (setup.device().isEmpty() || now.ringId().isEmpty() || now.ringId().get().equals(deviceAskedFor)) {
            return;
        }
        RingId ring = now.ringId().get();
        deviceAskedFor = ring;
        List<Integer> members = now.members().stream().map(QuorumStatus.Member::nodeId).toList();
        getContext().pipeToSelf(setup.device().get().castVote(setup.localNodeId(), ring, members),
                (cast, failure) -> new DeviceAnswered(ring, failure == null && Boolean.TRUE.equals(cast)));
    }
}
