package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.japi.function.Function;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.service.ServiceSyncBarrier;
import io.ringsync.protocol.totem.Rings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * N nodes in one JVM over real Aeron ({@link LocalCluster}, Totem holding application messages
 * until synced, quick ring timers), each with a sync barrier and a {@link CpgActor} bound
 * directly to its Totem, and one recording listener per node that keeps every notification its
 * node's processes get, in order. The transports allow fault injection, so {@link #partition}
 * and {@link #heal} cut and mend the network; {@link #stop} and {@link #restart} take a node down
 * and bring it back with an empty CPG and a fresh recording.
 */
final class CpgCluster implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final LocalCluster cluster;
    private final Map<Integer, ActorRef<CpgActor.Command>> cpgs = new HashMap<>();
    private final Map<Integer, List<CpgNotification>> recorded = new HashMap<>();
    private final Map<Integer, ActorRef<CpgNotification>> recorders = new HashMap<>();
    private final Map<Integer, ActorRef<Object>> relays = new HashMap<>();

    CpgCluster(int size, Path root) {
        cluster = new LocalCluster(size, root, TestSettings.FAST_LINKS,
                TestSettings.transport().withFaultInjection(true), TestSettings.PATIENT_TOTEM)
                .withTotemHoldingForSync().startAll();
        for (int id = 1; id <= size; id++) {
            attach(id);
        }
    }

    /**
     * Spawns node {@code id}'s barrier, CPG actor (reaching Totem through a {@link TotemRelay}) and
     * recorder (whose log starts empty).
     */
    private void attach(int id) {
        LocalCluster.Node node = cluster.node(id);
        ActorRef<Object> relay = node.kit().spawn(TotemRelay.create(node.totem()), "totem-relay");
        relays.put(id, relay);
        ActorRef<ServiceSyncBarrier.Command> barrier =
                node.kit().spawn(ServiceSyncBarrier.create(node.totem(), Set.of(ServiceId.CPG)), "service-sync");
        cpgs.put(id, node.kit().spawn(CpgActor.create(ServiceBinding.direct(relay.narrow(), barrier), id), "cpg"));
        List<CpgNotification> log = Collections.synchronizedList(new ArrayList<>());
        recorded.put(id, log);
        recorders.put(id, node.kit().spawn(Behaviors.receive(CpgNotification.class).onAnyMessage(n -> {
            log.add(n);
            return Behaviors.same();
        }).build(), "recorder"));
    }

    ActorRef<CpgActor.Command> cpg(int id) {
        return cpgs.get(id);
    }

    ActorRef<CpgNotification> recorder(int id) {
        return recorders.get(id);
    }

    LocalCluster.Node node(int id) {
        return cluster.node(id);
    }

    /** A copy of what node {@code id}'s processes were told so far. */
    List<CpgNotification> recorded(int id) {
        synchronized (recorded.get(id)) {
            return List.copyOf(recorded.get(id));
        }
    }

    /** Process {@code pid} of node {@code id} joins {@code group} with node {@code id}'s recorder, once a ring is synced. */
    void join(int id, String group, long pid) {
        CpgActorTest.awaitJoin(cluster.node(id).kit(), cpgs.get(id), group, pid, recorders.get(id));
    }

    /** Waits until every node of {@code ids} lists exactly {@code members} in {@code group}. */
    void awaitMembers(List<Integer> ids, String group, List<CpgMember> members) {
        TestProbe<CpgGroupMembers> probe = cluster.node(ids.get(0)).kit().createTestProbe();
        probe.awaitAssert(DEADLINE, Duration.ofMillis(100), () -> {
            for (int id : ids) {
                cpgs.get(id).tell(new CpgActor.MembershipGet(group, probe.ref()));
                assertEquals(members, probe.receiveMessage(Duration.ofSeconds(10)).members(), "node " + id);
            }
            return null;
        });
    }

    /** Asks node {@code id}'s CPG actor. */
    <T> CompletionStage<T> ask(int id, Function<ActorRef<T>, CpgActor.Command> request) {
        return AskPattern.ask(cpgs.get(id), request, Cpg.DEFAULT_TIMEOUT, cluster.node(id).kit().system().scheduler());
    }

    /** Waits, polling, until {@code check} passes. */
    void await(Runnable check) {
        TestProbe<Object> poll = cluster.node(cpgs.keySet().iterator().next()).kit().createTestProbe();
        poll.awaitAssert(DEADLINE, Duration.ofMillis(100), () -> {
            check.run();
            return null;
        });
    }

    /** Shuts node {@code id} down (its processes vanish with it; the others see them leave with NODEDOWN). */
    void stop(int id) {
        cluster.stop(id);
        cpgs.remove(id);
    }

    /** Starts the stopped node {@code id} again: a new Totem, an empty CPG and an empty recording. */
    void restart(int id) {
        cluster.start(id);
        attach(id);
    }

    /** Node {@code id}'s Totem rejoins right behind the next application multicast of its CPG ({@link TotemRelay}). */
    void rejoinAfterNextMulticast(int id) {
        relays.get(id).tell(TotemRelay.RejoinAfterNextMulticast.INSTANCE);
    }

    /** Waits until the nodes {@code ids} are OPERATIONAL in one ring of exactly them. */
    void awaitRing(List<Integer> ids) {
        Rings.awaitOneRing(cluster, ids, DEADLINE);
    }

    /** Cuts the network between {@code sides} (each side hears only its own nodes). */
    @SafeVarargs
    final void partition(List<Integer>... sides) {
        cluster.partition(sides);
    }

    /** Removes every cut. */
    void heal() {
        cluster.heal();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
