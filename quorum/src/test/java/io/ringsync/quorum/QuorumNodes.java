package io.ringsync.quorum;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.ringsync.config.TransportSettings;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.service.ServiceSyncBarrier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Test support: real Totem nodes over Aeron in one JVM ({@link LocalCluster}, holding application
 * messages for the sync round), each with a sync barrier and a {@link QuorumActor} bound straight
 * to its Totem ({@link ServiceBinding#direct}).
 */
final class QuorumNodes implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final LocalCluster cluster;
    private final IntFunction<QuorumSetup> setups;
    @SuppressWarnings("unchecked")
    private final ActorRef<QuorumActor.Command>[] quorum;

    QuorumNodes(int size, Path root, IntFunction<QuorumSetup> setups) {
        this(size, root, setups, TestSettings.transport());
    }

    /** As the other constructor, with these transport settings (e.g. allowing fault injection). */
    @SuppressWarnings("unchecked")
    QuorumNodes(int size, Path root, IntFunction<QuorumSetup> setups, TransportSettings transport) {
        this.cluster = new LocalCluster(size, root, TestSettings.FAST_LINKS, transport,
                TestSettings.RING_TOTEM).withTotemHoldingForSync();
        this.setups = setups;
        this.quorum = new ActorRef[size + 1];
    }

    /** Node {@code id}'s state file directory's tracking file (as its settings name it). */
    Path trackingFile(int id) {
        return cluster.settings(id).system().stateDir().resolve(TrackedExpectedVotes.FILE_NAME);
    }

    /** Starts node {@code id} (again): Totem, the barrier and the quorum actor. */
    ActorRef<QuorumActor.Command> start(int id) {
        LocalCluster.Node node = cluster.start(id);
        var barrier = node.kit().spawn(ServiceSyncBarrier.create(node.totem(), Set.of(ServiceId.QUORUM)), "barrier");
        quorum[id] = node.kit().spawn(QuorumActor.create(ServiceBinding.direct(node.totem(), barrier),
                setups.apply(id)), "quorum");
        return quorum[id];
    }

    /** The nodes' cluster, for faults between them. */
    LocalCluster cluster() {
        return cluster;
    }

    void stop(int id) {
        cluster.stop(id);
        quorum[id] = null;
    }

    ActorRef<QuorumActor.Command> quorum(int id) {
        return quorum[id];
    }

    <T> TestProbe<T> probe(int id) {
        return cluster.node(id).kit().createTestProbe();
    }

    QuorumStatus status(int id) {
        TestProbe<QuorumStatus> probe = probe(id);
        quorum[id].tell(new QuorumActor.GetStatus(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    /**
     * Waits until each of {@code ids} shows a status of one ring whose members are exactly
     * {@code ids} and that passes {@code check}; returns node {@code ids[0]}'s.
     */
    QuorumStatus await(List<Integer> ids, Predicate<QuorumStatus> check, String what) {
        TestProbe<Object> poll = probe(ids.get(0));
        return poll.awaitAssert(DEADLINE, Duration.ofMillis(200), () -> {
            QuorumStatus first = status(ids.get(0));
            for (int id : ids) {
                QuorumStatus s = status(id);
                List<Integer> members = s.members().stream().map(QuorumStatus.Member::nodeId).toList();
                if (!members.equals(ids) || !s.ringId().equals(first.ringId()) || !check.test(s)) {
                    throw new AssertionError(what + ": node " + id + " shows " + s);
                }
            }
            return first;
        });
    }

    @Override
    public void close() {
        cluster.close();
    }
}
