package io.ringsync.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.fault.ActorCrash;
import io.ringsync.node.fault.FaultIpcHandler;
import io.ringsync.node.fault.KillableActors;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.node.service.LiveSettings;
import io.ringsync.node.service.NodeContext;
import io.ringsync.node.service.NodeService;
import io.ringsync.node.service.NodeServices;
import io.ringsync.protocol.link.LinkMonitorActor;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.NodeReachability;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.totem.DeliveryFilter;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.service.ServiceSyncBarrier;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.TotemRejoinException;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.transport.TransportThreadExecutor;
import io.ringsync.quorum.QuorumActor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The root of one node's actor tree: spawns the transport, the link monitor, Totem, the
 * replicated services ({@link NodeServices}) with their sync barrier, and the IPC endpoint (with
 * the services' operations and the transport's {@code fault.*}, see {@link FaultIpcHandler}), each
 * restarted with backoff on failure (with {@code transport.fault_injection}, each can be made to
 * fail on request, see {@link KillableActors}) (every restart logged here). A restarted service has lost its
 * state, so the guardian tells Totem to {@link TotemActor.Rejoin}: the next ring's sync round
 * gives the service the cluster's state again. A child that
 * keeps failing exhausts its restarts and stops; the guardian then stops too, which
 * terminates the node's actor system. Subscribers to link and Totem events are kept here and
 * subscribed again when the link monitor or Totem restarts (a restarted Totem forms a ring
 * again, so its subscribers next see a TRANSITIONAL configuration of this node alone, then a
 * REGULAR one). The transport, link monitor and Totem start, and restart, from the node's
 * {@link LiveSettings}, which a committed {@code cfg reload} changes.
 */
public final class NodeGuardian extends AbstractBehavior<NodeGuardian.Command> {

    /** Restarts allowed within one backoff window before a child is given up. */
    static final int MAX_RESTARTS = 5;

    /** The guardian's protocol. */
    public sealed interface Command permits AwaitStarted, SubscribeLinkEvents, SubscribeTotemEvents, ListenTotemEvents,
            IpcBound, ChildRestarted, ChildStopped, TotemSubscriberStopped, StopNode, LeftRing, StopNow, LinkChanged {
    }

    /** Answered with {@link Started} once every child runs and the IPC socket is bound. */
    public record AwaitStarted(ActorRef<Started> replyTo) implements Command {
    }

    /**
     * The node is up: its link monitor, Totem and services (references stable across restarts)
     * and its socket. {@code services} maps each service to its actor, whose command type is the
     * one of its {@link NodeService}. {@code stop} tells, once the node has stopped, whether it
     * stopped on request ({@link StopNode}).
     */
    public record Started(ActorRef<LinkMonitorActor.Command> linkMonitor, ActorRef<TotemActor.Command> totem,
                          Map<ServiceId, ActorRef<?>> services, Path socket, NodeStop stop) {

        /** Copies the map. */
        public Started {
            services = Map.copyOf(services);
        }
    }

    /** Calls {@code listener} on an actor thread with every link change, also after monitor restarts. */
    public record SubscribeLinkEvents(Consumer<LinkStatus> listener) implements Command {
    }

    /** Subscribes {@code subscriber} to Totem's events, now and again after every Totem restart, until it stops. */
    public record SubscribeTotemEvents(ActorRef<TotemEvent> subscriber, DeliveryFilter filter)
            implements Command {

        /** Every event. */
        public SubscribeTotemEvents(ActorRef<TotemEvent> subscriber) {
            this(subscriber, DeliveryFilter.ALL);
        }
    }

    /** Calls {@code listener} on an actor thread with every Totem event, in order, also after Totem restarts. */
    public record ListenTotemEvents(Consumer<TotemEvent> listener) implements Command {
    }

    /**
     * Leave the ring and stop the node ({@code ringsync cfg shutdown}, {@code cfg kill}): the
     * {@link GracefulLeave} sequence (votequorum's clean leave when {@code quorumLeave}, as for a
     * shutdown and not for a kill; then Totem tells every peer, so they see a leave, not a
     * failure), then, after {@link #STOP_GRACE} for replies in flight (the IPC answer to the
     * request itself), the guardian stops and the actor system terminates. {@code reason} is
     * logged and kept in {@link NodeStop}.
     */
    public record StopNode(String reason, boolean quorumLeave) implements Command {
    }

    private record IpcBound(Path socket) implements Command {
    }

    private enum LeftRing implements Command { INSTANCE }

    private enum StopNow implements Command { INSTANCE }

    /** How long the guardian waits after the leave before it stops, so that replies in flight get out. */
    static final Duration STOP_GRACE = Duration.ofMillis(200);

    private record TotemSubscriberStopped(ActorRef<TotemEvent> subscriber) implements Command {
    }

    private record ChildRestarted(String child, int restart) implements Command {
    }

    /** A link went up or down: Totem hears when a peer becomes unreachable or reachable ({@link NodeReachability}). */
    private record LinkChanged(LinkStatus status) implements Command {
    }

    private record ChildStopped(String child) implements Command {
    }

    private final ActorRef<LinkMonitorActor.Command> linkMonitor;
    private final ActorRef<TotemActor.Command> totem;
    private final Map<ServiceId, ActorRef<?>> services = new EnumMap<>(ServiceId.class);
    private final Set<String> serviceNames;
    private final List<ActorRef<LinkStatus>> linkSubscribers = new ArrayList<>();
    private final NodeReachability reachability = new NodeReachability();
    private final Map<ActorRef<TotemEvent>, DeliveryFilter> totemSubscribers = new LinkedHashMap<>();
    /** The listener actors of {@link ListenTotemEvents}, children of this guardian, batch subscribers of Totem. */
    private final List<ActorRef<TotemActor.EventBatch>> totemListeners = new ArrayList<>();
    private final List<ActorRef<Started>> awaitingStart = new ArrayList<>();
    private final NodeStop stop = new NodeStop();
    private final Optional<KeyRing> keyRing;
    private final RingsyncSettings settings;
    private final LiveSettings live;
    private final KillableActors killable;
    private Path socket;

    private NodeGuardian(ActorContext<Command> context, RingsyncSettings settings,
                         UnaryOperator<Behavior<TotemActor.Command>> totemWrapper, List<NodeService<?>> nodeServices)
            throws AuthKeyException {
        super(context);
        this.settings = settings;
        this.keyRing = KeyRing.load(settings);
        this.live = new LiveSettings(settings);
        this.killable = new KillableActors(settings.nodeId(), settings.transport().faultInjection());
        ActorRef<TransportActor.Command> transport = spawn("transport", TransportActor.create(live::current, keyRing));
        this.linkMonitor = spawn("link-monitor", live.starting(s -> LinkMonitorActor.create(s, transport)));
        boolean holdUntilSynced = !nodeServices.isEmpty();
        // create(live::current, ...) and not live.starting: Totem's accepted messages outlive its restarts
        // On the transport thread (TransportThreadExecutor): no thread hand-off per token hop.
        this.totem = spawn("totem", totemWrapper.apply(TotemActor.create(live::current, transport, holdUntilSynced)),
                DispatcherSelector.fromConfig(TransportThreadExecutor.DISPATCHER_ID));
        live.attach(transport, linkMonitor, totem);
        ActorRef<LinkStatus> linkChanges = context.messageAdapter(LinkStatus.class, LinkChanged::new);
        linkSubscribers.add(linkChanges);
        linkMonitor.tell(new LinkMonitorActor.SubscribeLinkEvents(linkChanges));
        this.serviceNames = nodeServices.stream().map(NodeService::name).collect(Collectors.toSet());
        Map<String, IpcHandler> ipcHandlers = new LinkedHashMap<>(holdUntilSynced ? startServices(nodeServices) : Map.of());
        ipcHandlers.put(FaultIpcHandler.PREFIX, new FaultIpcHandler(transport, context.getSystem().scheduler(),
                settings.nodeId(), killable));
        ActorRef<IpcEndpoint.Bound> bound = context.messageAdapter(IpcEndpoint.Bound.class, b -> new IpcBound(b.socket()));
        spawn("ipc", IpcEndpoint.create(settings, linkMonitor, totem, ipcHandlers, bound));
        context.getLog().info("node {} of cluster {} started", settings.nodeId(), settings.clusterName());
    }

    /** The guardian of the node {@code settings} describe, running the {@link NodeServices#standard} services. */
    public static Behavior<Command> create(RingsyncSettings settings) {
        return create(settings, UnaryOperator.identity());
    }

    /** As {@link #create(RingsyncSettings)}, with Totem's behavior passed through {@code totemWrapper} (tests). */
    static Behavior<Command> create(RingsyncSettings settings, UnaryOperator<Behavior<TotemActor.Command>> totemWrapper) {
        return create(settings, totemWrapper, NodeServices.standard(settings));
    }

    /** As {@link #create(RingsyncSettings, UnaryOperator)}, running {@code nodeServices} instead (tests). */
    static Behavior<Command> create(RingsyncSettings settings, UnaryOperator<Behavior<TotemActor.Command>> totemWrapper,
                                    List<NodeService<?>> nodeServices) {
        return Behaviors.setup(context -> new NodeGuardian(context, settings, totemWrapper, nodeServices));
    }

    /** Spawns the sync barrier and every service; their IPC handlers by operation prefix. */
    private Map<String, IpcHandler> startServices(List<NodeService<?>> nodeServices) {
        Set<ServiceId> ids = nodeServices.stream().map(NodeService::id).collect(Collectors.toSet());
        ActorRef<ServiceSyncBarrier.Command> barrier = spawn("service-sync", ServiceSyncBarrier.create(totem, ids));
        ActorRef<Command> self = getContext().getSelf();
        ServiceBinding binding = new ServiceBinding(totem, barrier,
                (subscriber, filter) -> self.tell(new SubscribeTotemEvents(subscriber, filter)));
        Map<String, IpcHandler> handlers = new LinkedHashMap<>();
        for (NodeService<?> service : nodeServices) {
            IpcHandler handler = startService(service, binding);
            handlers.put(service.name(), handler);
            service.extraIpcPrefixes().forEach(prefix -> handlers.put(prefix, handler));
        }
        return handlers;
    }

    private <T> IpcHandler startService(NodeService<T> service, ServiceBinding binding) {
        ActorRef<Command> self = getContext().getSelf();
        NodeContext context = new NodeContext(services, reason -> self.tell(new StopNode(reason, false)),
                reason -> self.tell(new StopNode(reason, true)), live, keyRing);
        ActorRef<T> actor = spawn(service.name(), service.starter().apply(binding, context));
        services.put(service.id(), actor);
        return service.ipcHandler().apply(actor, getContext().getSystem());
    }

    /** The supervision of every child: backoff from 200 ms to 5 s, reset after 30 s without failure. */
    static SupervisorStrategy strategy() {
        return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)
                .withMaxRestarts(MAX_RESTARTS)
                .withResetBackoffAfter(Duration.ofSeconds(30));
    }

    private <T> ActorRef<T> spawn(String name, Behavior<T> behavior) {
        return spawn(name, behavior, Props.empty());
    }

    private <T> ActorRef<T> spawn(String name, Behavior<T> behavior, Props props) {
        ActorRef<Command> self = getContext().getSelf();
        AtomicInteger starts = new AtomicInteger();
        Behavior<T> reportingRestarts = Behaviors.setup(context -> {
            int start = starts.incrementAndGet();
            if (start > 1) {
                self.tell(new ChildRestarted(name, start - 1));
            }
            return behavior;
        });
        // A Totem rejoin (TotemActor.Rejoin) is a restart asked for, not a failure: restarted at
        // once, without the supervisor's error and stack trace, and not counted against MAX_RESTARTS.
        Behavior<T> rejoining = Behaviors.supervise(killable.enabled() ? ActorCrash.crashable(reportingRestarts)
                : reportingRestarts).onFailure(TotemRejoinException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
        ActorRef<T> child = getContext().spawn(Behaviors.supervise(rejoining).onFailure(Exception.class, strategy()), name,
                props);
        getContext().watchWith(child, new ChildStopped(name));
        if (killable.enabled()) {
            killable.add(child, starts);
        }
        return child;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AwaitStarted.class, this::onAwaitStarted)
                .onMessage(IpcBound.class, this::onIpcBound)
                .onMessage(SubscribeLinkEvents.class, this::onSubscribeLinkEvents)
                .onMessage(SubscribeTotemEvents.class, this::onSubscribeTotemEvents)
                .onMessage(ListenTotemEvents.class, this::onListenTotemEvents)
                .onMessage(TotemSubscriberStopped.class, this::onTotemSubscriberStopped)
                .onMessage(ChildRestarted.class, this::onChildRestarted)
                .onMessage(LinkChanged.class, this::onLinkChanged)
                .onMessage(ChildStopped.class, this::onChildStopped)
                .onMessage(StopNode.class, this::onStopNode)
                .onMessageEquals(LeftRing.INSTANCE, this::onLeftRing)
                .onMessageEquals(StopNow.INSTANCE, this::onStopNow)
                .build();
    }

    private Behavior<Command> onAwaitStarted(AwaitStarted request) {
        awaitingStart.add(request.replyTo());
        answerStarted();
        return this;
    }

    private Behavior<Command> onIpcBound(IpcBound event) {
        socket = event.socket();
        answerStarted();
        return this;
    }

    private void answerStarted() {
        if (socket != null) {
            awaitingStart.forEach(replyTo -> replyTo.tell(new Started(linkMonitor, totem, services, socket, stop)));
            awaitingStart.clear();
        }
    }

    private Behavior<Command> onSubscribeLinkEvents(SubscribeLinkEvents request) {
        ActorRef<LinkStatus> subscriber = spawnListener(LinkStatus.class, request.listener(), "link event");
        linkSubscribers.add(subscriber);
        linkMonitor.tell(new LinkMonitorActor.SubscribeLinkEvents(subscriber));
        return this;
    }

    /**
     * The listener takes Totem's events in batches ({@link TotemActor.SubscribeBatches}: one
     * actor message per step of Totem, not one per delivery) and calls {@code listener} with each.
     */
    private Behavior<Command> onListenTotemEvents(ListenTotemEvents request) {
        ActorRef<TotemActor.EventBatch> listener = getContext().spawnAnonymous(
                Behaviors.<TotemActor.EventBatch>setup(context -> Behaviors.receive(TotemActor.EventBatch.class)
                        .onAnyMessage(batch -> {
                            batch.events().forEach(event -> notify(context, request.listener(), event, "Totem event"));
                            return Behaviors.same();
                        }).build()));
        totemListeners.add(listener);
        totem.tell(new TotemActor.SubscribeBatches(listener, DeliveryFilter.ALL));
        return this;
    }

    /** An actor calling {@code listener} with each message; a failing call is logged and the next message comes. */
    private <T> ActorRef<T> spawnListener(Class<T> type, Consumer<T> listener, String what) {
        return getContext().spawnAnonymous(Behaviors.<T>setup(context ->
                Behaviors.receive(type).onAnyMessage(event -> {
                    notify(context, listener, event, what);
                    return Behaviors.same();
                }).build()));
    }

    /** Runs in the listener actor, so it logs through that actor's own context. */
    private static <T> void notify(ActorContext<?> context, Consumer<T> listener, T event, String what) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            context.getLog().warn("a {} listener failed: {}", what, e.toString());
        }
    }

    private Behavior<Command> onSubscribeTotemEvents(SubscribeTotemEvents request) {
        if (totemSubscribers.put(request.subscriber(), request.filter()) == null) {
            getContext().watchWith(request.subscriber(), new TotemSubscriberStopped(request.subscriber()));
        }
        totem.tell(new TotemActor.Subscribe(request.subscriber(), request.filter()));
        return this;
    }

    private Behavior<Command> onTotemSubscriberStopped(TotemSubscriberStopped stopped) {
        totemSubscribers.remove(stopped.subscriber());
        return this;
    }

    private Behavior<Command> onLinkChanged(LinkChanged changed) {
        reachability.onLinkChanged(changed.status())
                .ifPresent(c -> totem.tell(new TotemActor.PeerReachability(c.nodeId(), c.reachable())));
        return this;
    }

    private Behavior<Command> onChildRestarted(ChildRestarted event) {
        getContext().getLog().warn("{} restarted after a failure (restart {} of at most {} in a row)",
                event.child(), event.restart(), MAX_RESTARTS);
        if ("link-monitor".equals(event.child())) {
            linkSubscribers.forEach(s -> linkMonitor.tell(new LinkMonitorActor.SubscribeLinkEvents(s)));
        } else if ("totem".equals(event.child())) {
            totemSubscribers.forEach((s, filter) -> totem.tell(new TotemActor.Subscribe(s, filter)));
            totemListeners.forEach(l -> totem.tell(new TotemActor.SubscribeBatches(l, DeliveryFilter.ALL)));
            reachability.unreachable().forEach(n -> totem.tell(new TotemActor.PeerReachability(n, false)));
        } else if (serviceNames.contains(event.child())) {
            totem.tell(new TotemActor.Rejoin("the " + event.child() + " service restarted and lost its state"));
        }
        return this;
    }

    private Behavior<Command> onStopNode(StopNode request) {
        if (stop.request(request.reason())) {
            getContext().getLog().warn("leaving the ring and stopping: {}", request.reason());
            getContext().pipeToSelf(GracefulLeave.run(settings, request.quorumLeave(), Optional.ofNullable(quorum()),
                    totem, getContext().getSystem().scheduler()), (done, failure) -> LeftRing.INSTANCE);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private ActorRef<QuorumActor.Command> quorum() {
        return (ActorRef<QuorumActor.Command>) services.get(ServiceId.QUORUM);
    }

    private Behavior<Command> onLeftRing() {
        getContext().scheduleOnce(STOP_GRACE, getContext().getSelf(), StopNow.INSTANCE);
        return this;
    }

    private Behavior<Command> onStopNow() {
        getContext().getLog().info("node stopped on request: {}", stop.reason().orElse(""));
        return Behaviors.stopped();
    }

    private Behavior<Command> onChildStopped(ChildStopped event) {
        getContext().getLog().error("{} stopped after repeated failures: stopping the node", event.child());
        return Behaviors.stopped();
    }
}
