package io.ringsync.ckpt;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.ringsync.ckpt.service.CkptCall;
import io.ringsync.config.CkptSettings;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.service.ServiceSyncBarrier;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.protocol.totem.membership.MembershipState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Test support: the checkpoint service on the real Totem nodes of a {@link LocalCluster} (each
 * node's sync barrier and {@link CkptActor} on a direct binding), its {@link Ckpt} API per node,
 * and waiting on conditions by polling with a generous deadline (no fixed sleeps).
 */
final class CkptNodes {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final CkptSettings SETTINGS = new CkptSettings(100, 64L * 1024 * 1024, 200, 20_000);

    private final LocalCluster cluster;
    private final Map<Integer, Ckpt> apis = new HashMap<>();

    CkptNodes(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Spawns node {@code id}'s barrier and checkpoint service (the node must be started). */
    Ckpt start(int id) {
        LocalCluster.Node node = cluster.node(id);
        ActorRef<ServiceSyncBarrier.Command> barrier = node.kit().spawn(
                ServiceSyncBarrier.create(node.totem(), Set.of(ServiceId.CKPT)), "service-sync");
        ActorRef<CkptActor.Command> actor = node.kit().spawn(
                CkptActor.create(ServiceBinding.direct(node.totem(), barrier), id, SETTINGS), "ckpt");
        Ckpt api = new Ckpt(actor, node.kit().system().scheduler(), Duration.ofMillis(SETTINGS.requestTimeoutMs() + 10_000));
        apis.put(id, api);
        return api;
    }

    Ckpt api(int id) {
        return apis.get(id);
    }

    /** Waits until every node of {@code ids} is OPERATIONAL in one ring of exactly {@code ids}. */
    void awaitRing(List<Integer> ids) {
        await("one ring of " + ids, () -> {
            Object ring = null;
            for (int id : ids) {
                TestProbe<TotemStats> probe = cluster.node(id).kit().createTestProbe();
                cluster.node(id).totem().tell(new TotemActor.GetStats(probe.ref()));
                TotemStats stats = probe.receiveMessage(Duration.ofSeconds(10));
                if (stats.srp().state() != MembershipState.OPERATIONAL || !stats.srp().ring().members().equals(ids)
                        || (ring != null && !ring.equals(stats.srp().ring().ringId()))) {
                    return false;
                }
                ring = stats.srp().ring().ringId();
            }
            return true;
        });
    }

    /** Each node's replica content (checkpoint views, each live one's dump), when all are readable. */
    List<Object> replicas(List<Integer> ids) throws Exception {
        List<Object> all = new ArrayList<>();
        for (int id : ids) {
            List<Object> content = new ArrayList<>();
            for (var view : apis.get(id).list().toCompletableFuture().get()) {
                content.add(view);
                if (!view.unlinked()) {
                    CkptCall.DumpView dump = apis.get(id).dump(view.name()).toCompletableFuture().get();
                    content.add(dump.sections());
                }
            }
            all.add(content);
        }
        return all;
    }

    /** Waits until every node of {@code ids} answers with the same replica content, not empty; returns it. */
    Object awaitIdentical(List<Integer> ids) {
        Object[] seen = new Object[1];
        await("identical replicas on " + ids, () -> {
            List<Object> replicas = replicas(ids);
            seen[0] = replicas.get(0);
            return replicas.stream().allMatch(replicas.get(0)::equals) && !((List<?>) replicas.get(0)).isEmpty();
        });
        return seen[0];
    }

    /** Polls {@code condition} every 100 ms (a failure counts as false) until it holds or the deadline passes. */
    static void await(String what, Callable<Boolean> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("no " + what + " within " + DEADLINE.toSeconds() + " s; last failure: " + last);
    }
}
