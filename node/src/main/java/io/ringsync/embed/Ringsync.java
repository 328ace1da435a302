package io.ringsync.embed;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import com.typesafe.config.Config;
import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.CkptActor;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgActor;
import io.ringsync.node.NodeGuardian;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ckpt.CkptNodeService;
import io.ringsync.node.cmap.Cmap;
import io.ringsync.node.cmap.CmapActor;
import io.ringsync.node.cmap.CmapNodeService;
import io.ringsync.node.cpg.CpgNodeService;
import io.ringsync.node.service.QuorumNodeService;
import io.ringsync.protocol.totem.DeliveryFilter;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.quorum.Quorum;
import io.ringsync.quorum.QuorumActor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * A ringsync node running inside an application: the one entry point for Java developers.
 *
 * <pre>{@code
 * try (Ringsync ringsync = Ringsync.start(Path.of("node1.conf"))) {
 *     ringsync.quorum().awaitQuorate(Duration.ofSeconds(30)).toCompletableFuture().join();
 *     CpgGroupHandle group = ringsync.cpg().join("my-service", notification -> ...).toCompletableFuture().join();
 *     group.mcast(Delivery.AGREED, bytes);
 * }
 * }</pre>
 *
 * <p><b>Two ways in, one style.</b> The Java APIs ({@link #quorum()}, {@link #cpg()},
 * {@link #ckpt()}, {@link #cmap()}) answer every call with a {@link CompletionStage} that
 * completes with the value or exceptionally with the service's exception ({@code CpgException},
 * {@code CkptException}, {@code CmapException}), and take {@link ActorRef}s for subscriptions. The
 * typed actor references ({@link #quorumActor()}, {@link #cpgActor()}, {@link #ckptActor()},
 * {@link #cmapActor()}, {@link #totemActor()}) are the same services' message protocols, for an
 * application's own actors (spawned here with {@link #spawn}): they subscribe with
 * {@code QuorumActor.Subscribe}, join a group with {@code CpgActor.Join} naming themselves (or a
 * message adapter) as the listener, multicast with {@code CpgActor.Mcast}, track keys with
 * {@code CmapActor.Track}, and get every Totem configuration change through
 * {@link #subscribeConfigurationChanges}.
 *
 * <p><b>Services.</b> Quorum (votequorum), CPG (closed process groups), CKPT (checkpoints) and
 * CMAP (the node's configuration and runtime database, Corosync's cmap: the config file's keys
 * read-only, {@code runtime.*} and {@code stats.*} kept current by the node, every other key the
 * application's; not replicated) run in every node.
 *
 * <p><b>Lifecycle.</b> {@code start} returns once the node's actors run and its IPC socket is
 * bound (the ring forms in the background: wait for quorum or the first configuration change
 * before relying on it). {@link #close()} leaves the ring, so that peers form their new ring at
 * once, stops every actor (the application's spawned ones too) and removes the run directory. No
 * JVM shutdown hook is installed: an application that wants one calls {@code close} from its own.
 * Several nodes (of one cluster or of several) may run in one JVM, each with its own directories.
 */
public final class Ringsync implements AutoCloseable {

    private final RingsyncNode node;
    private final Quorum quorum;
    private final Cpg cpg;
    private final Ckpt ckpt;
    private final Cmap cmap;

    private Ringsync(RingsyncNode node) {
        this.node = node;
        this.quorum = QuorumNodeService.api(node).orElseThrow(() -> missing("quorum"));
        this.cpg = CpgNodeService.api(node).orElseThrow(() -> missing("CPG"));
        this.ckpt = CkptNodeService.api(node).orElseThrow(() -> missing("CKPT"));
        this.cmap = CmapNodeService.api(node).orElseThrow(() -> missing("CMAP"));
    }

    /**
     * Starts the node a HOCON node file describes (as {@code ringsync node --config FILE} does,
     * with the same system-property and environment overrides).
     *
     * @throws InvalidConfigException listing every problem of the file, each with its key and line
     * @throws io.ringsync.node.NodeStartRefusedException when a node already runs on the configured
     *     socket, the authkey is unusable or the persisted ring seq is corrupt (one line each)
     * @throws IOException when the run directory cannot be prepared or the node does not come up
     */
    public static Ringsync start(Path configFile) throws InvalidConfigException, IOException {
        return builder().configFile(configFile).start();
    }

    /**
     * Starts the node {@code nodeConfig} describes: a node file's keys at root level, e.g. the
     * {@code ringsync} section of the application's own configuration
     * ({@code ConfigFactory.load().getConfig("ringsync")}). Relative paths are resolved against
     * the working directory.
     *
     * @throws InvalidConfigException listing every problem, each with its key
     * @throws IOException as {@link #start(Path)}
     */
    public static Ringsync start(Config nodeConfig) throws InvalidConfigException, IOException {
        return builder().config(nodeConfig).start();
    }

    /** Starts a node with {@code settings} already loaded and validated. */
    public static Ringsync start(RingsyncSettings settings) throws IOException {
        return new Ringsync(RingsyncNode.start(settings));
    }

    /** A builder: a node file or config to start from, keys set on top, logging. */
    public static RingsyncBuilder builder() {
        return new RingsyncBuilder();
    }

    /** This node's id. */
    public int nodeId() {
        return node.settings().nodeId();
    }

    /** The settings the node runs with. */
    public RingsyncSettings settings() {
        return node.settings();
    }

    /** The quorum service's Java API: status, wait for quorum, votes, and subscriptions. */
    public Quorum quorum() {
        return quorum;
    }

    /** The CPG service's Java API: join groups, multicast, membership. */
    public Cpg cpg() {
        return cpg;
    }

    /** The checkpoint service's Java API (the SA Forum {@code saCkpt*} calls). */
    public Ckpt ckpt() {
        return ckpt;
    }

    /**
     * The runtime database's Java API (Corosync's {@code cmap_*} calls): get, set, delete, list by
     * prefix, and track a key or prefix with an {@code ActorRef<CmapEvent>}; a refusal completes
     * exceptionally with a {@code CmapException} naming the key. Local to this node.
     */
    public Cmap cmap() {
        return cmap;
    }

    /** The quorum service's actor: {@code QuorumActor.Subscribe} an {@code ActorRef<QuorumStatus>} to every change. */
    public ActorRef<QuorumActor.Command> quorumActor() {
        return QuorumNodeService.actor(node).orElseThrow(() -> missing("quorum"));
    }

    /** The CPG service's actor: {@code CpgActor.Join} with an {@code ActorRef<CpgNotification>}, {@code Mcast}. */
    public ActorRef<CpgActor.Command> cpgActor() {
        return CpgNodeService.actor(node).orElseThrow(() -> missing("CPG"));
    }

    /** The checkpoint service's actor: {@code CkptActor.Call}s, as {@link #ckpt()} sends them. */
    public ActorRef<CkptActor.Command> ckptActor() {
        return CkptNodeService.actor(node).orElseThrow(() -> missing("CKPT"));
    }

    /** The runtime database's actor: {@code CmapActor.GetValue}, {@code SetValue}, {@code Track} with an {@code ActorRef<CmapEvent>}. */
    public ActorRef<CmapActor.Command> cmapActor() {
        return CmapNodeService.actor(node).orElseThrow(() -> missing("CMAP"));
    }

    /**
     * The node's Totem actor (a reference stable across its restarts): {@code GetStats}, and raw
     * {@code Multicast}s for an application that brings its own message format (the first payload
     * byte must not be a {@code ServiceId} code: the services own those).
     */
    public ActorRef<TotemActor.Command> totemActor() {
        return node.totem();
    }

    /**
     * Sends {@code subscriber} every Totem configuration change (the current REGULAR configuration
     * first; then, for each new ring, a TRANSITIONAL and a REGULAR one), also after Totem restarts,
     * until the subscriber stops. The configuration is Totem's: the services' sync rounds for the
     * new ring follow it (their own events, such as {@code CpgTotemConfChg} and the quorum status,
     * come after they synced).
     */
    public void subscribeConfigurationChanges(ActorRef<TotemEvent.ConfigurationChanged> subscriber) {
        // Totem sends a subscriber with the NONE filter configuration changes only.
        ActorRef<TotemEvent> events = subscriber.unsafeUpcast();
        node.system().tell(new NodeGuardian.SubscribeTotemEvents(events, DeliveryFilter.NONE));
    }

    /** Totem's counters (ring, state, tokens, messages). */
    public CompletionStage<TotemStats> totemStats() {
        return node.totemStats();
    }

    /**
     * Spawns an application actor in the node's actor system, under its system guardian: it runs
     * until it stops or the node closes. {@code name} must be unique among the spawned actors.
     */
    public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        return node.system().systemActorOf(behavior, name, Props.empty());
    }

    /** The node's actor system: its scheduler for asks and timers, its dispatchers. */
    public ActorSystem<?> system() {
        return node.system();
    }

    /** Completes when the node stopped, by {@link #close()} or after repeated failures. */
    public CompletionStage<Done> whenStopped() {
        return node.system().getWhenTerminated();
    }

    /** True once the node stopped without {@link #close()}: one of its actors kept failing. */
    public boolean stoppedByFailure() {
        return node.stoppedByFailure();
    }

    /**
     * Leaves the ring, stops the node and its actors (spawned ones included) and removes its run
     * directory; waits at most {@link RingsyncNode#SHUTDOWN_TIMEOUT}. Idempotent.
     */
    @Override
    public void close() {
        node.close();
    }

    private static IllegalStateException missing(String service) {
        return new IllegalStateException("the node does not run the " + service + " service");
    }
}
