package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.MembershipEffect.CancelTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.CommitCompleted;
import io.ringsync.protocol.totem.membership.MembershipEffect.MulticastJoin;
import io.ringsync.protocol.totem.membership.MembershipEffect.SendCommitToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.SetTimer;
import io.ringsync.protocol.totem.membership.MembershipEffect.StartFirstToken;
import io.ringsync.protocol.totem.membership.MembershipEffect.StateChanged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A deterministic in-memory network of {@link MembershipCore}s (STYLE.md rule 11, the seeded
 * simulator). Time jumps to the earliest pending event. Until {@code chaosEndNs} joins and
 * merge_detects are dropped with probability {@code dropRate} and delayed 0..5 ms (so
 * reordered); afterwards delivery is reliable with 1 ms latency. Commit tokens are never lost.
 *
 * <p>Models of the layers not built yet: the rep's first regular token is passed once around
 * the new ring and completes recovery at each node it reaches in RECOVERY for that ring; an
 * OPERATIONAL ring whose members are all live and OPERATIONAL in it never loses its token (the
 * token-loss timer is re-armed instead of fired); every {@code merge} ms the rep of each
 * OPERATIONAL ring multicasts a merge_detect.
 */
final class MembershipSimulation {

    static final MembershipSettings SETTINGS = new MembershipSettings(50, 10, 1200, 1000);
    private static final long MS = 1_000_000;
    private static final long MERGE_MS = 200;

    private record Event(long atNs, long order, int node, Object payload) {
    }

    private record Timer(TimerKind kind, long generation) {
    }

    private record FirstToken(RingId ringId) {
    }

    private record MergeTick() {
    }

    private final Random random;
    private final double dropRate;
    private final long chaosEndNs;
    private final Map<Integer, MembershipCore> cores = new HashMap<>();
    private final SortedSet<Integer> live = new TreeSet<>();
    private final Map<Integer, Map<TimerKind, Long>> generations = new HashMap<>();
    private final Map<Integer, RingConfiguration> recovering = new HashMap<>();
    private final Map<RingId, List<Integer>> installed = new HashMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparingLong(Event::atNs).thenComparingLong(Event::order));
    private long order;
    private long nowNs;
    private long steps;

    MembershipSimulation(long seed, double dropRate, long chaosEndMs) {
        this.random = new Random(seed);
        this.dropRate = dropRate;
        this.chaosEndNs = chaosEndMs * MS;
        schedule(MERGE_MS * MS, 0, new MergeTick());
    }

    /** First boot: nodes 1..n, each alone, started at a random time in the first 100 ms. */
    static MembershipSimulation firstBoot(long seed, int n, double dropRate, long chaosEndMs) {
        MembershipSimulation sim = new MembershipSimulation(seed, dropRate, chaosEndMs);
        for (int id = 1; id <= n; id++) {
            sim.add(MembershipCore.alone(id, SETTINGS, new Random(seed * 31 + id)));
            sim.schedule(sim.random.nextInt(100) * MS, id, "start");
        }
        return sim;
    }

    /** Nodes 1..n OPERATIONAL in ring 1.8; {@code crashed} is dead and the others lose the token within 1 s. */
    static MembershipSimulation crashInRing(long seed, int n, int crashed, double dropRate, long chaosEndMs) {
        MembershipSimulation sim = new MembershipSimulation(seed, dropRate, chaosEndMs);
        List<Integer> members = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            members.add(id);
        }
        RingConfiguration ring = new RingConfiguration(new RingId(1, 8), members);
        for (int id : members) {
            sim.add(new MembershipCore(id, ring, SETTINGS, new Random(seed * 31 + id)));
            sim.armTimer(id, TimerKind.TOKEN_LOSS, sim.random.nextInt((int) SETTINGS.tokenMs()));
        }
        sim.live.remove(crashed);
        return sim;
    }

    private void add(MembershipCore core) {
        cores.put(core.myNodeId(), core);
        live.add(core.myNodeId());
        generations.put(core.myNodeId(), new EnumMap<>(TimerKind.class));
    }

    /** Runs until every live node is OPERATIONAL in one ring of exactly the live nodes; the time taken, or -1. */
    long runUntilAgreed(long limitMs) {
        while (!agreed()) {
            Event event = queue.poll();
            if (event == null || event.atNs() > limitMs * MS) {
                return -1;
            }
            nowNs = event.atNs();
            steps++;
            if (event.node() == 0 || live.contains(event.node())) {
                dispatch(event);
            }
        }
        return nowNs / MS;
    }

    private boolean agreed() {
        RingConfiguration first = cores.get(live.first()).ring();
        return live.stream().map(cores::get).allMatch(c -> c.state() == MembershipState.OPERATIONAL
                && c.ring().equals(first)) && first.members().equals(List.copyOf(live));
    }

    private void dispatch(Event event) {
        int id = event.node();
        MembershipCore core = cores.get(id);
        Object payload = event.payload();
        if (payload instanceof MergeTick) {
            mergeTick();
        } else if (payload instanceof Timer timer) {
            fireTimer(id, timer);
        } else if (payload instanceof JoinMessage join) {
            apply(id, core.onJoin(join, nowNs));
        } else if (payload instanceof CommitToken token) {
            apply(id, core.onCommitToken(token, nowNs));
        } else if (payload instanceof MergeDetect detect) {
            apply(id, core.onMergeDetect(detect, nowNs));
        } else if (payload instanceof FirstToken token) {
            passFirstToken(id, token);
        } else {
            apply(id, core.start(nowNs));
        }
    }

    private void fireTimer(int id, Timer timer) {
        if (generations.get(id).getOrDefault(timer.kind(), 0L) != timer.generation()) {
            return;
        }
        if (timer.kind() == TimerKind.TOKEN_LOSS && ringHealthy(cores.get(id))) {
            armTimer(id, TimerKind.TOKEN_LOSS, SETTINGS.tokenMs());
            return;
        }
        apply(id, cores.get(id).onTimeout(timer.kind(), nowNs));
    }

    private boolean ringHealthy(MembershipCore core) {
        return core.state() == MembershipState.OPERATIONAL && core.ring().members().stream().allMatch(m ->
                live.contains(m) && cores.get(m).state() == MembershipState.OPERATIONAL
                        && cores.get(m).ring().equals(core.ring()));
    }

    private void mergeTick() {
        for (int id : live) {
            MembershipCore core = cores.get(id);
            if (core.state() == MembershipState.OPERATIONAL && core.ring().ringId().repNodeId() == id) {
                multicast(id, new MergeDetect(id, core.ring().ringId()));
            }
        }
        schedule(nowNs + MERGE_MS * MS, 0, new MergeTick());
    }

    private void passFirstToken(int id, FirstToken token) {
        MembershipCore core = cores.get(id);
        RingConfiguration ring = recovering.get(id);
        if (core.state() != MembershipState.RECOVERY || ring == null || !ring.ringId().equals(token.ringId())) {
            return;
        }
        apply(id, core.recoveryComplete(nowNs));
        if (id != ring.ringId().repNodeId()) {
            schedule(nowNs + MS, ring.successorOf(id), token);
        }
    }

    private void apply(int id, List<MembershipEffect> effects) {
        MembershipInvariants.check(cores.get(id));
        for (MembershipEffect effect : effects) {
            if (effect instanceof MulticastJoin m) {
                multicast(id, m.join());
            } else if (effect instanceof SendCommitToken t) {
                schedule(nowNs + MS, t.toNodeId(), t.token());
            } else if (effect instanceof SetTimer t) {
                armTimer(id, t.kind(), t.delayMs());
            } else if (effect instanceof CancelTimer c) {
                generations.get(id).merge(c.kind(), 1L, Long::sum);
            } else if (effect instanceof CommitCompleted c) {
                recovering.put(id, c.newRing());
            } else if (effect instanceof StartFirstToken f) {
                schedule(nowNs + MS, recovering.get(id).successorOf(id), new FirstToken(f.token().ringId()));
            } else if (effect instanceof StateChanged c) {
                checkInstalled(id, c);
            }
        }
    }

    /** Safety: every node that installs a ring id installs the same members, and is one of them. */
    private void checkInstalled(int id, StateChanged change) {
        if (change.to() != MembershipState.OPERATIONAL) {
            return;
        }
        RingConfiguration ring = cores.get(id).ring();
        List<Integer> previous = installed.putIfAbsent(ring.ringId(), ring.members());
        if ((previous != null && !previous.equals(ring.members())) || !ring.contains(id)) {
            throw new AssertionError("node " + id + " installed " + ring + " " + ring.members() + ", others " + previous);
        }
    }

    private void multicast(int from, Object message) {
        boolean chaos = nowNs < chaosEndNs;
        for (int to : live) {
            if (to != from && !(chaos && random.nextDouble() < dropRate)) {
                schedule(nowNs + (chaos ? random.nextInt(6) * MS : MS), to, message);
            }
        }
    }

    private void armTimer(int id, TimerKind kind, long delayMs) {
        long generation = generations.get(id).merge(kind, 1L, Long::sum);
        schedule(nowNs + delayMs * MS, id, new Timer(kind, generation));
    }

    private void schedule(long atNs, int node, Object payload) {
        queue.add(new Event(atNs, order++, node, payload));
    }

    /** Events processed so far. */
    long steps() {
        return steps;
    }

    /** Distinct rings installed by some node so far. */
    int ringsInstalled() {
        return installed.size();
    }

    /** The agreed ring (after {@link #runUntilAgreed} succeeded). */
    RingConfiguration agreedRing() {
        return cores.get(live.first()).ring();
    }

    /** Sum of {@code counter} over the live nodes. */
    long sum(ToLongFunction<MembershipCounters> counter) {
        return live.stream().mapToLong(id -> counter.applyAsLong(cores.get(id).counters())).sum();
    }
}
