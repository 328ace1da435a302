package io.ringsync.protocol;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.config.CryptoSettings;
import io.ringsync.config.LinkSettings;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TotemSettings;
import io.ringsync.config.TransportSettings;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.link.LinkMonitorActor;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * N nodes in one JVM, each its own ActorSystem (ActorTestKit) with a TransportActor and a
 * LinkMonitorActor over real Aeron UDP on 127.0.0.1; node n runs in {@code root/node<n>}.
 * With {@link #withTotem()}, each also runs a TotemActor, restarted on failure as the node's
 * guardian does, and crashed on demand by {@link #crashTotem}. With transport settings that allow
 * fault injection, {@link #faults}, {@link #partition} and {@link #heal} cut and heal the network
 * between the nodes through their transports' fault filters.
 */
public final class LocalCluster implements AutoCloseable {

    private final List<NodeEntry> nodes;
    private final Path root;
    private final LinkSettings links;
    private final TransportSettings transport;
    private final TotemSettings totem;
    private final Node[] running;
    private IntFunction<CryptoSettings> crypto = id -> TestSettings.NO_CRYPTO;
    private IntFunction<KeyRing> keyRings;
    private boolean totems;
    private boolean holdUntilSynced;

    /** One running node; {@code totem} and {@code crashableTotem} are null without {@link #withTotem()}. */
    public record Node(RingsyncSettings settings, ActorTestKit kit, ActorRef<TransportActor.Command> transport,
                       ActorRef<LinkMonitorActor.Command> monitor, ActorRef<TotemActor.Command> totem,
                       ActorRef<Object> crashableTotem) {
    }

    public LocalCluster(int size, Path root, LinkSettings links) {
        this(size, root, links, TestSettings.transport());
    }

    public LocalCluster(int size, Path root, LinkSettings links, TransportSettings transport) {
        this(size, root, links, transport, TestSettings.totem());
    }

    public LocalCluster(int size, Path root, LinkSettings links, TransportSettings transport, TotemSettings totem) {
        this.transport = transport;
        this.totem = totem;
        this.nodes = TestSettings.loopbackNodes(size);
        this.root = root;
        this.links = links;
        this.running = new Node[size + 1];
    }

    /** Gives node n the crypto settings {@code crypto.apply(n)} at its next start (default: cipher "none"). */
    public LocalCluster crypto(IntFunction<CryptoSettings> crypto) {
        this.crypto = crypto;
        return this;
    }

    /**
     * Node n's transport seals and opens with the key ring {@code keyRings.apply(n)} (which the
     * test may roll over while it runs) instead of loading its keys from its crypto settings.
     */
    public LocalCluster keyRings(IntFunction<KeyRing> keyRings) {
        this.keyRings = keyRings;
        return this;
    }

    /** Every node started from now on also runs a TotemActor. */
    public LocalCluster withTotem() {
        this.totems = true;
        return this;
    }

    /** As {@link #withTotem()}, application messages held after each ring until a sync round completes. */
    public LocalCluster withTotemHoldingForSync() {
        this.holdUntilSynced = true;
        return withTotem();
    }

    /** Starts every node. */
    public LocalCluster startAll() {
        for (NodeEntry node : nodes) {
            start(node.nodeId());
        }
        return this;
    }

    /** Starts node {@code id} (again), with the same settings as before. */
    public Node start(int id) {
        RingsyncSettings settings = settings(id);
        ActorTestKit kit = ActorTestKit.create("node" + id);
        ActorRef<TransportActor.Command> transport = kit.spawn(keyRings == null ? TransportActor.create(settings)
                : TransportActor.create(() -> settings, Optional.of(keyRings.apply(id))), "transport");
        ActorRef<LinkMonitorActor.Command> monitor = kit.spawn(LinkMonitorActor.create(settings, transport), "links");
        ActorRef<Object> totem = null;
        if (totems) {
            totem = kit.spawn(Behaviors.supervise(CrashOnDemand.wrap(TotemActor.create(settings, transport, holdUntilSynced),
                    TotemActor.Command.class)).onFailure(Exception.class, SupervisorStrategy.restart()), "totem");
        }
        running[id] = new Node(settings, kit, transport, monitor, totem == null ? null : totem.narrow(), totem);
        return running[id];
    }

    /** Makes node {@code id}'s TotemActor throw; its supervisor restarts it. */
    public void crashTotem(int id) {
        running[id].crashableTotem().tell(CrashOnDemand.Crash.INSTANCE);
    }

    /**
     * Applies {@code change} to node {@code id}'s fault filter and returns its status; fails the
     * test when the transport refuses (e.g. fault injection not allowed by the transport settings).
     */
    public FaultStatus faults(int id, FaultChange change) {
        TestProbe<TransportActor.FaultReply> probe = running[id].kit().createTestProbe();
        running[id].transport().tell(new TransportActor.ChangeFaults(change, probe.ref()));
        TransportActor.FaultReply reply = probe.receiveMessage(Duration.ofSeconds(10));
        if (!reply.ok()) {
            throw new AssertionError("node " + id + " refused " + change + ": " + reply.refusal());
        }
        return reply.status();
    }

    /** Node {@code id}'s fault filter status; fails the test when fault injection is not allowed. */
    public FaultStatus faultStatus(int id) {
        TestProbe<TransportActor.FaultReply> probe = running[id].kit().createTestProbe();
        running[id].transport().tell(new TransportActor.GetFaults(probe.ref()));
        TransportActor.FaultReply reply = probe.receiveMessage(Duration.ofSeconds(10));
        if (!reply.ok()) {
            throw new AssertionError("node " + id + ": " + reply.refusal());
        }
        return reply.status();
    }

    /**
     * Splits the running nodes into {@code sides}: every node of a side stops sending to and
     * hearing every running node of the other sides.
     */
    @SafeVarargs
    public final void partition(List<Integer>... sides) {
        for (int s = 0; s < sides.length; s++) {
            Set<Integer> others = new HashSet<>();
            for (int o = 0; o < sides.length; o++) {
                if (o != s) {
                    others.addAll(sides[o]);
                }
            }
            for (int id : sides[s]) {
                faults(id, FaultChange.Cut.both(others));
            }
        }
    }

    /** Removes every cut and random fault on every running node. */
    public void heal() {
        for (int id = 1; id < running.length; id++) {
            if (running[id] != null) {
                faults(id, FaultChange.Heal.INSTANCE);
            }
        }
    }

    /** Shuts node {@code id}'s actor system down (its transport closes in PostStop). */
    public void stop(int id) {
        running[id].kit().shutdownTestKit();
        running[id] = null;
    }

    public Node node(int id) {
        return running[id];
    }

    public RingsyncSettings settings(int id) {
        return TestSettings.node(id, nodes, root.resolve("node" + id), links, transport, totem, crypto.apply(id));
    }

    /** Node {@code id}'s link report, asked through a probe of its own system. */
    public LinkStatusReport report(int id) {
        Node node = running[id];
        TestProbe<LinkStatusReport> probe = node.kit().createTestProbe();
        node.monitor().tell(new LinkMonitorActor.GetStatus(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    /** Waits (polling every 200 ms, up to {@code deadline}) until every peer link of node {@code id} matching {@code which} is {@code up}. */
    public void awaitLinks(int id, Predicate<LinkStatus> which, boolean up, Duration deadline) {
        TestProbe<Object> probe = running[id].kit().createTestProbe();
        probe.awaitAssert(deadline, Duration.ofMillis(200), () -> {
            LinkStatusReport report = report(id);
            boolean ok = report.links().stream().filter(s -> !s.local()).filter(which).allMatch(s -> s.up() == up);
            if (!ok) {
                throw new AssertionError("node " + id + " links: " + report.links());
            }
            return null;
        });
    }

    @Override
    public void close() {
        for (int id = 1; id < running.length; id++) {
            if (running[id] != null) {
                stop(id);
            }
        }
    }
}
