package io.ringsync.protocol.totem;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.srp.SrpCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waiting on Totem rings of a {@link LocalCluster} through the counters (STYLE.md rule 10). */
public final class Rings {

    private Rings() {
    }

    /** Node {@code id}'s Totem counters. */
    public static TotemStats stats(LocalCluster cluster, int id) {
        TestProbe<TotemStats> probe = cluster.node(id).kit().createTestProbe();
        cluster.node(id).totem().tell(new TotemActor.GetStats(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    /**
     * Waits (polling every 50 ms, up to {@code deadline}) until every node of {@code ids} is
     * OPERATIONAL on one ring whose members are exactly {@code ids}; returns that ring's id.
     * A failure names each node's state and ring.
     */
    public static RingId awaitOneRing(LocalCluster cluster, List<Integer> ids, Duration deadline) {
        TestProbe<Object> poll = cluster.node(ids.get(0)).kit().createTestProbe();
        return poll.awaitAssert(deadline, Duration.ofMillis(50), () -> {
            List<String> seen = new ArrayList<>();
            RingId common = null;
            boolean ok = true;
            for (int id : ids) {
                SrpCounters srp = stats(cluster, id).srp();
                seen.add("node " + id + ": " + srp.state() + " " + srp.ring());
                RingId ring = srp.ring().ringId();
                ok &= srp.state() == MembershipState.OPERATIONAL && srp.ring().members().equals(ids)
                        && (common == null || common.equals(ring));
                common = ring;
            }
            if (!ok) {
                throw new AssertionError("no common ring of " + ids + " yet: " + seen);
            }
            return common;
        });
    }
}
