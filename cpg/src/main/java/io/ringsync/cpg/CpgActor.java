package io.ringsync.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.cpg.core.CpgCore;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The thin driver of one node's {@link CpgCore} (STYLE.md rule 1): it subscribes to Totem through
 * its {@link ServiceBinding}, feeds every Totem event through a {@link ServiceChannel}, carries out
 * the sync round's actions, multicasts what the core admits, and tells each local process's
 * listener the events addressed to it.
 *
 * <p><b>Clients</b> are actors in the node's JVM: a {@link Join} names the listener that gets the
 * process's {@link CpgNotification}s. A process is its listener: when the listener stops, each of
 * its memberships leaves with PROCDOWN (Corosync's behaviour for a client that exits without
 * leaving). {@link Cpg} wraps this protocol in a Java API.
 *
 * <p><b>Back pressure.</b> Join, leave and mcast are answered once Totem has answered the
 * multicast: {@link CpgResult#TRY_AGAIN} when its queue is full (or a sync round runs),
 * {@link CpgResult#TIMEOUT} when it did not answer within {@link #TOTEM_TIMEOUT} (the message may
 * still be delivered). Nothing is buffered here; a client keeps a bounded number of requests in
 * flight. A PROCDOWN leave Totem refuses is offered again every {@link #PROCDOWN_RETRY}.
 */
public final class CpgActor extends AbstractBehavior<CpgActor.Command> {

    /** How long a multicast waits for Totem's answer. */
    public static final Duration TOTEM_TIMEOUT = Duration.ofSeconds(10);
    /** How soon a refused PROCDOWN leave is offered again. */
    public static final Duration PROCDOWN_RETRY = Duration.ofMillis(200);

    /** This actor's protocol. */
    public sealed interface Command permits Join, Leave, Mcast, ProcessExited, MembershipGet, LocalGet, IterateGroups,
            GetContext, SetContext, GetStatus, FlowControlStateGet, TotemEventIn, Answered, SyncAnswered,
            ListenerStopped, RetryProcDowns {
    }

    /**
     * Process {@code pid} of this node joins {@code group}; {@code listener} gets its events, and
     * with {@code initialTotemConf} the current ring at once. The answer is
     * {@link CpgResult#OK} once the join is queued in the total order (its confchg follows).
     */
    public record Join(String group, long pid, ActorRef<CpgNotification> listener, boolean initialTotemConf,
                       ActorRef<CpgResult> replyTo) implements Command {
    }

    /** The process of {@code handle} leaves its group. */
    public record Leave(CpgHandle handle, ActorRef<CpgResult> replyTo) implements Command {
    }

    /** The process of {@code handle} multicasts {@code payload} to its group with {@code delivery}. */
    public record Mcast(CpgHandle handle, Delivery delivery, byte[] payload, ActorRef<CpgResult> replyTo)
            implements Command {
    }

    /**
     * The process of {@code handle} ended without leaving, its listener staying on for its other
     * memberships (one listener shared by several joins, {@link CpgListener}): if still a member
     * it leaves with PROCDOWN, and its listener hears nothing more of this membership. No answer.
     */
    public record ProcessExited(CpgHandle handle) implements Command {
    }

    /** The members of {@code group} (none when it does not exist), as this node knows them. */
    public record MembershipGet(String group, ActorRef<CpgGroupMembers> replyTo) implements Command {
    }

    /** This node's id (Corosync's cpg_local_get). */
    public record LocalGet(ActorRef<Integer> replyTo) implements Command {
    }

    /** Every group and its members, by name. */
    public record IterateGroups(ActorRef<Groups> replyTo) implements Command {
    }

    /** The answer to {@link IterateGroups}. */
    public record Groups(List<CpgGroupMembers> groups) {

        /** Copies the list. */
        public Groups {
            groups = List.copyOf(groups);
        }
    }

    /** The context stored on {@code handle} (Corosync's cpg_context_get). */
    public record GetContext(CpgHandle handle, ActorRef<Context> replyTo) implements Command {
    }

    /** The answer to {@link GetContext}: NOT_EXIST for an unknown handle; the context, empty until set. */
    public record Context(CpgResult result, Optional<Object> context) {
    }

    /** Stores {@code context} on {@code handle}, replacing the previous one (Corosync's cpg_context_set). */
    public record SetContext(CpgHandle handle, Object context, ActorRef<CpgResult> replyTo) implements Command {
    }

    /** This node's CPG counters. */
    public record GetStatus(ActorRef<CpgStatus> replyTo) implements Command {
    }

    /** Whether the process of {@code handle} would be held back now (Corosync's cpg_flow_control_state_get). */
    public record FlowControlStateGet(CpgHandle handle, ActorRef<FlowControlState> replyTo) implements Command {
    }

    /**
     * The answer to {@link FlowControlStateGet}: NOT_EXIST (and an empty state) for a handle that
     * is no local membership; else OK and the state ({@link CpgCore#flowControl()}).
     */
    public record FlowControlState(CpgResult result, Optional<CpgFlowControl> state) {
    }

    private record TotemEventIn(TotemEvent event) implements Command {
    }

    /** What a multicast was for, and who waits for its answer (nobody for a PROCDOWN). */
    private enum Purpose { JOIN, LEAVE, MCAST, PROCDOWN }

    private record Answered(Purpose purpose, CpgHandle handle, ActorRef<CpgResult> replyTo,
                            TotemActor.MulticastResult result) implements Command {
    }

    private record SyncAnswered(TotemActor.MulticastResult result) implements Command {
    }

    private record ListenerStopped(ActorRef<CpgNotification> listener) implements Command {
    }

    private enum RetryProcDowns implements Command { INSTANCE }

    private final ServiceBinding binding;
    private final TimerScheduler<Command> timers;
    private final CpgCore core;
    private final ServiceChannel channel;
    private final ActorRef<TotemActor.MulticastResult> syncAnswers;
    private final Map<CpgHandle, ActorRef<CpgNotification>> listeners = new HashMap<>();
    private final Map<ActorRef<CpgNotification>, Set<CpgHandle>> handlesOf = new HashMap<>();
    private final Map<CpgHandle, Object> contexts = new HashMap<>();
    private long refusedByTotem;

    private CpgActor(ActorContext<Command> context, TimerScheduler<Command> timers, ServiceBinding binding,
                     int nodeId) {
        super(context);
        this.binding = binding;
        this.timers = timers;
        this.core = new CpgCore(nodeId);
        this.channel = new ServiceChannel(core);
        this.syncAnswers = context.messageAdapter(TotemActor.MulticastResult.class, SyncAnswered::new);
        binding.subscribe(ServiceId.CPG, context.messageAdapter(TotemEvent.class, TotemEventIn::new));
    }

    /** The CPG of node {@code nodeId}, reaching Totem through {@code binding} (its barrier must list CPG). */
    public static Behavior<Command> create(ServiceBinding binding, int nodeId) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new CpgActor(context, timers, binding, nodeId)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TotemEventIn.class, this::onTotemEvent)
                .onMessage(Join.class, this::onJoin)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(Mcast.class, this::onMcast)
                .onMessage(ProcessExited.class, this::onProcessExited)
                .onMessage(Answered.class, this::onAnswered)
                .onMessage(SyncAnswered.class, this::onSyncAnswered)
                .onMessage(ListenerStopped.class, this::onListenerStopped)
                .onMessageEquals(RetryProcDowns.INSTANCE, this::onRetryProcDowns)
                .onMessage(MembershipGet.class, this::onMembershipGet)
                .onMessage(LocalGet.class, this::onLocalGet)
                .onMessage(IterateGroups.class, this::onIterateGroups)
                .onMessage(GetContext.class, this::onGetContext)
                .onMessage(SetContext.class, this::onSetContext)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(FlowControlStateGet.class, this::onFlowControlStateGet)
                .build();
    }

    private Behavior<Command> onTotemEvent(TotemEventIn in) {
        binding.carryOut(channel.onEvent(in.event()), syncAnswers);
        return flush();
    }

    private Behavior<Command> onJoin(Join join) {
        Optional<String> problem = CpgLimits.groupNameProblem(join.group());
        if (problem.isPresent() || join.pid() < 0) {
            getContext().getLog().debug("CPG join refused: {}", problem.orElse("negative pid " + join.pid()));
            join.replyTo().tell(CpgResult.INVALID_PARAM);
            return this;
        }
        CpgHandle handle = new CpgHandle(join.group(), join.pid());
        CpgCore.Admission admission = core.join(handle, join.initialTotemConf());
        if (admission.admitted()) {
            register(handle, join.listener());
            send(Purpose.JOIN, handle, Delivery.AGREED, admission.message(), join.replyTo());
        } else {
            join.replyTo().tell(admission.result());
        }
        return flush();
    }

    private Behavior<Command> onLeave(Leave leave) {
        answer(Purpose.LEAVE, leave.handle(), Delivery.AGREED, core.leave(leave.handle()), leave.replyTo());
        return this;
    }

    private Behavior<Command> onMcast(Mcast mcast) {
        answer(Purpose.MCAST, mcast.handle(), mcast.delivery(), core.mcast(mcast.handle(), mcast.payload()),
                mcast.replyTo());
        return this;
    }

    private void answer(Purpose purpose, CpgHandle handle, Delivery delivery, CpgCore.Admission admission,
                        ActorRef<CpgResult> replyTo) {
        if (admission.admitted()) {
            send(purpose, handle, delivery, admission.message(), replyTo);
        } else {
            replyTo.tell(admission.result());
        }
    }

    /** Multicasts {@code body}; Totem's answer (or its absence) comes back as {@link Answered}. */
    private void send(Purpose purpose, CpgHandle handle, Delivery delivery, byte[] body, ActorRef<CpgResult> replyTo) {
        byte[] payload = ServiceEnvelope.app(ServiceId.CPG, body);
        getContext().ask(TotemActor.MulticastResult.class, binding.totem(), TOTEM_TIMEOUT,
                totemReply -> new TotemActor.Multicast(delivery, payload, totemReply),
                (result, failure) -> new Answered(purpose, handle, replyTo, result));
    }

    private Behavior<Command> onAnswered(Answered answered) {
        CpgResult result = CpgResults.of(answered.result());
        core.totemAnswered(result);
        if (result != CpgResult.OK) {
            refusedByTotem++;
            undo(answered.purpose(), answered.handle());
        }
        if (answered.replyTo() != null) {
            answered.replyTo().tell(result);
        }
        return flush();
    }

    /** Undoes the admission of a multicast Totem refused or did not answer. */
    private void undo(Purpose purpose, CpgHandle handle) {
        if (purpose == Purpose.JOIN) {
            core.joinRefused(handle);
            if (core.localState(handle).isEmpty()) {
                unregister(handle);
            }
        } else if (purpose == Purpose.LEAVE || purpose == Purpose.PROCDOWN) {
            core.leaveRefused(handle);
            timers.startSingleTimer(RetryProcDowns.INSTANCE, PROCDOWN_RETRY);
        }
    }

    private Behavior<Command> onSyncAnswered(SyncAnswered answered) {
        if (answered.result() != TotemActor.MulticastResult.ACCEPTED) {
            getContext().getLog().warn("Totem refused a CPG sync message: {}", answered.result());
        }
        return this;
    }

    private Behavior<Command> onListenerStopped(ListenerStopped stopped) {
        List.copyOf(handlesOf.getOrDefault(stopped.listener(), Set.of())).forEach(this::vanished);
        return flush();
    }

    private Behavior<Command> onProcessExited(ProcessExited exited) {
        if (listeners.containsKey(exited.handle())) {
            vanished(exited.handle());
        }
        return flush();
    }

    /** The client of {@code handle} went away: the core is told, and its listener forgotten. */
    private void vanished(CpgHandle handle) {
        getContext().getLog().debug("CPG process {} went away without leaving", handle);
        core.vanished(handle);
        unregister(handle);
    }

    private Behavior<Command> onRetryProcDowns() {
        return flush();
    }

    /** Tells listeners the core's notifications, forgets processes that left, multicasts PROCDOWN leaves. */
    private Behavior<Command> flush() {
        for (CpgNotification notification : core.takeNotifications()) {
            ActorRef<CpgNotification> listener = listeners.get(notification.handle());
            if (listener != null) {
                listener.tell(notification);
            }
            if (notification.event() instanceof CpgConfChg && core.localState(notification.handle()).isEmpty()) {
                unregister(notification.handle());
            }
        }
        for (CpgCore.ProcDown procDown : core.takeProcDowns()) {
            send(Purpose.PROCDOWN, procDown.handle(), Delivery.AGREED, procDown.message(), null);
        }
        return this;
    }

    private void register(CpgHandle handle, ActorRef<CpgNotification> listener) {
        listeners.put(handle, listener);
        Set<CpgHandle> handles = handlesOf.computeIfAbsent(listener, l -> new HashSet<>());
        if (handles.isEmpty()) {
            getContext().watchWith(listener, new ListenerStopped(listener));
        }
        handles.add(handle);
    }

    private void unregister(CpgHandle handle) {
        ActorRef<CpgNotification> listener = listeners.remove(handle);
        contexts.remove(handle);
        if (listener == null) {
            return;
        }
        Set<CpgHandle> handles = handlesOf.get(listener);
        handles.remove(handle);
        if (handles.isEmpty()) {
            handlesOf.remove(listener);
            getContext().unwatch(listener);
        }
    }

    private Behavior<Command> onMembershipGet(MembershipGet get) {
        get.replyTo().tell(new CpgGroupMembers(get.group(), core.members(get.group())));
        return this;
    }

    private Behavior<Command> onLocalGet(LocalGet get) {
        get.replyTo().tell(core.nodeId());
        return this;
    }

    private Behavior<Command> onIterateGroups(IterateGroups iterate) {
        iterate.replyTo().tell(new Groups(core.groups()));
        return this;
    }

    private Behavior<Command> onGetContext(GetContext get) {
        boolean known = listeners.containsKey(get.handle());
        get.replyTo().tell(new Context(known ? CpgResult.OK : CpgResult.NOT_EXIST,
                Optional.ofNullable(known ? contexts.get(get.handle()) : null)));
        return this;
    }

    private Behavior<Command> onSetContext(SetContext set) {
        if (!listeners.containsKey(set.handle())) {
            set.replyTo().tell(CpgResult.NOT_EXIST);
            return this;
        }
        contexts.put(set.handle(), set.context());
        set.replyTo().tell(CpgResult.OK);
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        get.replyTo().tell(new CpgStatus(core.nodeId(), Optional.ofNullable(core.ringId()), core.syncing(),
                core.groups().size(), core.localProcesses().size(), core.droppedMcasts(), core.ignored(),
                refusedByTotem));
        return this;
    }

    private Behavior<Command> onFlowControlStateGet(FlowControlStateGet get) {
        boolean known = core.localState(get.handle()).isPresent();
        get.replyTo().tell(known ? new FlowControlState(CpgResult.OK, Optional.of(core.flowControl()))
                : new FlowControlState(CpgResult.NOT_EXIST, Optional.empty()));
        return this;
    }
}
