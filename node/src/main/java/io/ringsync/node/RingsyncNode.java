package io.ringsync.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.jmx.NodeMBeans;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.link.LinkMonitorActor;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.MulticastInbox;
import io.ringsync.protocol.totem.RingSeqException;
import io.ringsync.protocol.totem.RingSeqStore;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumDevice;
import io.ringsync.node.service.NodeServices;
import io.ringsync.node.logging.Blackbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: its run directory and its actor system ({@code ringsync-node<id>}) under
 * a {@link NodeGuardian}. The embedding API of the CLI, the demo and the tests. Installs no
 * JVM shutdown hook itself: the caller decides (see {@code NodeCommand}).
 */
public final class RingsyncNode implements AutoCloseable {

    /** How long {@link #close()} waits for the actor system to terminate. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} waits for Totem to hand its leave to the transport before stopping anyway. */
    public static final Duration LEAVE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RingsyncNode.class);

    private final RingsyncSettings settings;
    private final RunDirectory runDirectory;
    private final ActorSystem<NodeGuardian.Command> system;
    private final ActorRef<LinkMonitorActor.Command> linkMonitor;
    private final ActorRef<TotemActor.Command> totem;
    private final Map<ServiceId, ActorRef<?>> services;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final NodeStop stop;
    /**
     * Completes once the actor system has terminated AND the run directory is released. Waiters
     * wait on this, not on the termination alone: a release still running after {@link #close()}
     * returned would delete the run directory of the next node started on the same config.
     */
    private final CompletableFuture<Void> stopped;

    private RingsyncNode(RingsyncSettings settings, RunDirectory runDirectory,
            ActorSystem<NodeGuardian.Command> system, NodeGuardian.Started started) {
        this.settings = settings;
        this.runDirectory = runDirectory;
        this.system = system;
        this.linkMonitor = started.linkMonitor();
        this.totem = started.totem();
        this.services = started.services();
        this.stop = started.stop();
        this.stopped = system.getWhenTerminated().toCompletableFuture().handle((terminated, failure) -> {
            recordFailure();
            runDirectory.release();
            return null;
        });
    }

    /** After a stop on a fatal error, the blackbox goes to the state directory (as corosync's fdata). */
    private void recordFailure() {
        if (closeRequested.get() || stop.reason().isPresent() || !Blackbox.available()) {
            return;
        }
        try {
            Path file = Blackbox.write(settings.system().stateDir(), "node" + settings.nodeId(),
                    "stopped after repeated failures");
            log.error("node {} stopped on a fatal error; its blackbox is in {}", settings.nodeId(), file);
        } catch (IOException e) {
            log.error("node {} stopped on a fatal error; its blackbox could not be written: {}", settings.nodeId(),
                    e.getMessage());
        }
    }

    /**
     * Starts a node: claims its run directory, then starts its actor system.
     *
     * @throws NodeStartRefusedException when a live node answers on the configured socket,
     *     crypto is configured and the authkey is unusable, or the persisted ring seq is corrupt
     *     (checked here, before anything starts, so the operator gets one line instead of an
     *     actor failing through its restarts)
     * @throws IOException when the run directory cannot be prepared or the node does not come up
     */
    public static RingsyncNode start(RingsyncSettings settings) throws IOException {
        return start(settings, UnaryOperator.identity());
    }

    /**
     * As {@link #start(RingsyncSettings)}, with the quorum device of the config's
     * {@code quorum.device} section deciding through {@code arbiter} (e.g. an
     * {@link io.ringsync.quorum.InProcessArbiter} shared by the nodes of one JVM): its votes
     * count once the arbiter casts them for this node's partition.
     *
     * @throws NodeStartRefusedException also when the config has no {@code quorum.device} section
     */
    public static RingsyncNode start(RingsyncSettings settings, QuorumDevice arbiter) throws IOException {
        if (settings.quorum().qdevice().isEmpty()) {
            throw new NodeStartRefusedException("node " + settings.nodeId() + ": a quorum device arbiter ("
                    + arbiter.name() + ") was given, but the config has no quorum.device section");
        }
        return start(settings, NodeGuardian.create(settings, UnaryOperator.identity(),
                NodeServices.standard(settings, Optional.of(arbiter))));
    }

    /** As {@link #start(RingsyncSettings)}, with Totem's behavior passed through {@code totemWrapper} (tests). */
    static RingsyncNode start(RingsyncSettings settings, UnaryOperator<Behavior<TotemActor.Command>> totemWrapper)
            throws IOException {
        return start(settings, NodeGuardian.create(settings, totemWrapper));
    }

    /** As {@link #start(RingsyncSettings, UnaryOperator)}, running {@code nodeServices} instead of the standard ones (tests). */
    static RingsyncNode start(RingsyncSettings settings, UnaryOperator<Behavior<TotemActor.Command>> totemWrapper,
                              List<NodeService<?>> nodeServices) throws IOException {
        return start(settings, NodeGuardian.create(settings, totemWrapper, nodeServices));
    }

    private static RingsyncNode start(RingsyncSettings settings, Behavior<NodeGuardian.Command> guardian)
            throws IOException {
        checkAuthKey(settings);
        checkRingSeq(settings);
        RunDirectory runDirectory = RunDirectory.claim(settings.system());
        ActorSystem<NodeGuardian.Command> system;
        try {
            system = ActorSystem.create(guardian, NodeAkkaConfig.systemName(settings),
                    NodeAkkaConfig.of(settings));
        } catch (RuntimeException e) {
            runDirectory.release();
            throw e;
        }
        try {
            CompletionStage<NodeGuardian.Started> started =
                    AskPattern.ask(system, NodeGuardian.AwaitStarted::new, START_TIMEOUT, system.scheduler());
            RingsyncNode node = new RingsyncNode(settings, runDirectory, system, await(started, "the node"));
            NodeMBeans mbeans = NodeMBeans.register(node);
            system.getWhenTerminated().thenRun(mbeans::close);
            return node;
        } catch (IOException | RuntimeException e) {
            system.terminate();
            awaitQuietly(system.getWhenTerminated());
            runDirectory.release();
            throw e;
        }
    }

    private static void checkAuthKey(RingsyncSettings settings) throws NodeStartRefusedException {
        if (!settings.crypto().enabled()) {
            return;
        }
        try {
            AuthKey.load(settings.crypto().authkey().orElseThrow());
        } catch (AuthKeyException e) {
            throw new NodeStartRefusedException(e.getMessage(), e);
        }
    }

    private static void checkRingSeq(RingsyncSettings settings) throws NodeStartRefusedException {
        try {
            RingSeqStore.read(settings.system().stateDir());
        } catch (RingSeqException e) {
            throw new NodeStartRefusedException(e.getMessage(), e);
        }
    }

    /**
     * The actor of the replicated service {@code id}, if the node runs it; its command type is
     * the one of its {@link NodeService} (each service module offers a typed accessor).
     */
    public Optional<ActorRef<?>> service(ServiceId id) {
        return Optional.ofNullable(services.get(id));
    }

    /** The settings the node runs with. */
    public RingsyncSettings settings() {
        return settings;
    }

    /** The link monitor, for asks and subscriptions by other actors. */
    public ActorRef<LinkMonitorActor.Command> linkMonitor() {
        return linkMonitor;
    }

    /**
     * The node's Totem, for multicasts ({@link TotemActor.Multicast}) and stats; a reference
     * stable across its restarts. Subscribe through {@link #subscribeTotemEvents}, which keeps the
     * subscription across restarts.
     */
    public ActorRef<TotemActor.Command> totem() {
        return totem;
    }

    /**
     * Totem's {@link MulticastInbox}: multicasts from any thread of this JVM, each answered at
     * once, without an actor message per request and answer (the same for Totem's whole life).
     */
    public CompletionStage<MulticastInbox> multicastInbox() {
        return AskPattern.ask(totem, TotemActor.GetInbox::new, ASK_TIMEOUT, system.scheduler());
    }

    /** Totem's counters (ring, state, tokens, messages). */
    public CompletionStage<TotemStats> totemStats() {
        return AskPattern.ask(totem, TotemActor.GetStats::new, ASK_TIMEOUT, system.scheduler());
    }

    /**
     * Sends every Totem event (configuration changes and deliveries, in order; the current
     * regular configuration first) to {@code subscriber}, also after Totem restarts, until it stops.
     */
    public void subscribeTotemEvents(ActorRef<TotemEvent> subscriber) {
        system.tell(new NodeGuardian.SubscribeTotemEvents(subscriber));
    }

    /** Calls {@code listener} with every Totem event, in order, from one actor thread, until the node stops. */
    public void subscribeTotemEvents(Consumer<TotemEvent> listener) {
        system.tell(new NodeGuardian.ListenTotemEvents(listener));
    }

    /** The node's actor system, for embedding services. */
    public ActorSystem<NodeGuardian.Command> system() {
        return system;
    }

    /** The link status report, as {@code cfg status} shows it. */
    public CompletionStage<LinkStatusReport> linkStatus() {
        return AskPattern.ask(linkMonitor, LinkMonitorActor.GetStatus::new, ASK_TIMEOUT, system.scheduler());
    }

    /** Calls {@code listener} with every link change, from an actor thread, until the node stops. */
    public void subscribeLinkEvents(Consumer<LinkStatus> listener) {
        system.tell(new NodeGuardian.SubscribeLinkEvents(listener));
    }

    /** True once the node stopped without {@link #close()} or a requested stop: a child kept failing. */
    public boolean stoppedByFailure() {
        return system.getWhenTerminated().toCompletableFuture().isDone() && !closeRequested.get()
                && stop.reason().isEmpty();
    }

    /** Why the node was asked to stop from inside ({@code ringsync cfg shutdown}, {@code cfg kill}), if it was. */
    public Optional<String> stopRequested() {
        return stop.reason();
    }

    /** Waits until the node stopped, by {@link #close()} or by failure. */
    public void awaitTermination() throws InterruptedException {
        try {
            stopped.get();
        } catch (ExecutionException e) {
            log.debug("actor system terminated with a failure", e);
        }
    }

    /** Waits at most {@code timeout} for the node to stop; true when it did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Stops the node: terminates its actor system (the transport deletes its Aeron directory),
     * waits up to {@link #SHUTDOWN_TIMEOUT}, and removes the run directory. Idempotent.
     */
    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            awaitQuietly(stopped);
            return;
        }
        log.info("node {} stopping", settings.nodeId());
        leaveGracefully();
        system.terminate();
        if (!awaitQuietly(stopped)) {
            log.warn("node {}: actor system did not terminate within {} s", settings.nodeId(),
                    SHUTDOWN_TIMEOUT.toSeconds());
        }
        runDirectory.release();
        log.info("node {} stopped", settings.nodeId());
    }

    /** Runs the {@link GracefulLeave} sequence (votequorum's clean leave, then Totem's), unless the node already stopped. */
    @SuppressWarnings("unchecked")
    private void leaveGracefully() {
        if (system.getWhenTerminated().toCompletableFuture().isDone()) {
            return;
        }
        Optional<ActorRef<QuorumActor.Command>> quorum = service(ServiceId.QUORUM)
                .map(ref -> (ActorRef<QuorumActor.Command>) ref);
        try {
            GracefulLeave.run(settings, true, quorum, totem, system.scheduler()).toCompletableFuture()
                    .get(GracefulLeave.STEP_TIMEOUT.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("node {}: the graceful leave did not finish; stopping anyway", settings.nodeId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitQuietly(CompletionStage<?> done) {
        try {
            done.toCompletableFuture()
                    .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) throws IOException {
        try {
            return stage.toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(what + " did not start within " + START_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the node", e);
        }
    }
}
