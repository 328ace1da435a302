package io.ringsync.protocol.totem.srp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One seeded run of {@link SrpSimulation}: first boot of 3..7 nodes (send_join 0 or 5, with or
 * without a simulated service sync layer), steady traffic from every
 * node, a chaos phase of random faults (crashes and restarts, pauses past the token timeout,
 * graceful stops, symmetric and asymmetric partitions, loss, duplication and reordering),
 * then everything heals (network healed, every node up) and the liveness phase measures how
 * long until one ring of all nodes forms and checks that everything sent afterwards reaches
 * everyone. The same seed gives the same run.
 */
final class SrpScenario {

    /** How long, in simulated ms, the nodes get after the last fault heals to form one ring. */
    static final long FORMATION_BOUND_MS = 8_000;

    /** The outcome of a run: what is wrong (empty if nothing) and figures. */
    record Result(long seed, int nodes, List<String> problems, long formationMs, int faults, long steps) {
    }

    private SrpScenario() {
    }

    /** Runs seed {@code seed}; {@code chaosMs} of faults (0 for none). */
    static Result run(long seed, long chaosMs) {
        return run(seed, chaosMs, false);
    }

    /**
     * As {@link #run(long, long)}; with {@code driverRestarts}, restarts of a node's driver that
     * keep its accepted messages ({@link SrpSimulation#restartDriver}) are among the faults (the
     * same seed then gives another run than without).
     */
    static Result run(long seed, long chaosMs, boolean driverRestarts) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_5EEDL);
        int n = 3 + random.nextInt(5);
        SrpSimulation sim = new SrpSimulation(seed, n,
                SrpSimulation.settings(random.nextBoolean() ? 0 : 5, random.nextBoolean()));
        for (int id = 1; id <= n; id++) {
            int node = id;
            sim.at(random.nextInt(100), () -> sim.boot(node));
        }
        long trafficStart = 50;
        long healAt = 600 + chaosMs;
        for (long t = trafficStart; t < healAt; t += 1 + random.nextInt(6)) {
            int node = 1 + random.nextInt(n);
            sim.at(t, () -> sim.send(node, 0.3));
        }
        int faults = chaosMs == 0 ? 0 : scheduleFaults(sim, random, n, 600, healAt, driverRestarts);
        sim.at(healAt, () -> {
            sim.healNetwork();
            for (int id = 1; id <= n; id++) {
                sim.boot(id);
            }
        });
        sim.runUntil(healAt);
        List<String> problems = new ArrayList<>();
        long formedAt = -1;
        for (long t = healAt; t <= healAt + FORMATION_BOUND_MS; t += 10) {
            sim.runUntil(t);
            if (sim.oneRingOfAllUpNodes()) {
                formedAt = t;
                break;
            }
        }
        if (formedAt < 0) {
            problems.add("liveness: no single ring of all " + n + " nodes within " + FORMATION_BOUND_MS
                    + " ms after the heal: " + sim.describe());
        } else {
            checkTrafficAfterFormation(sim, random, n, formedAt, problems);
        }
        problems.addAll(sim.safeViolations());
        problems.addAll(DeliveryChecks.all(sim.logs(), sim.sent(), sim.syncLayer()));
        return new Result(seed, n, problems, formedAt < 0 ? -1 : formedAt - healAt, faults, sim.steps());
    }

    /** Random faults between {@code fromMs} and {@code toMs}; returns how many. */
    private static int scheduleFaults(SrpSimulation sim, SplittableRandom random, int n, long fromMs, long toMs,
                                      boolean driverRestarts) {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            long at = fromMs + random.nextLong(Math.max(1, toMs - fromMs - 100));
            int victim = 1 + random.nextInt(n);
            switch (random.nextInt(driverRestarts ? 8 : 7)) {
                case 0 -> {
                    sim.at(at, () -> sim.crash(victim));
                    sim.at(Math.min(toMs, at + 100 + random.nextInt(600)), () -> sim.boot(victim));
                }
                case 1 -> sim.at(at, () -> sim.pause(victim, Math.min(toMs - at, 300 + random.nextInt(500))));
                case 2 -> {
                    sim.at(at, () -> sim.stopGracefully(victim));
                    sim.at(Math.min(toMs, at + 100 + random.nextInt(400)), () -> sim.boot(victim));
                }
                case 3 -> {
                    Set<Integer> side = new HashSet<>();
                    for (int id = 1; id <= n; id++) {
                        if (random.nextBoolean()) {
                            side.add(id);
                        }
                    }
                    sim.at(at, () -> sim.partition(side));
                }
                case 4 -> {
                    int other = 1 + random.nextInt(n);
                    if (other != victim) {
                        sim.at(at, () -> sim.cut(victim, other));
                    }
                }
                case 5 -> sim.at(at, () -> sim.network(0.2, 0.05, 5));
                case 6 -> sim.at(at, () -> sim.network(0.05, 0.2, 8));
                default -> sim.at(at, () -> sim.restartDriver(victim));
            }
        }
        return count;
    }

    /** Everything sent by the up nodes once the ring formed reaches every up node, and each node delivered all it sent. */
    private static void checkTrafficAfterFormation(SrpSimulation sim, SplittableRandom random, int n, long formedAt,
                                                   List<String> problems) {
        for (int i = 0; i < 5; i++) {
            for (int id = 1; id <= n; id++) {
                int node = id;
                sim.at(formedAt + 1 + i * 3L + random.nextInt(3), () -> sim.send(node, 0.3));
            }
        }
        sim.runUntil(formedAt + 3_000);
        if (!sim.oneRingOfAllUpNodes()) {
            problems.add("liveness: the ring formed at " + formedAt + " ms did not last: " + sim.describe());
        }
        long formedNs = formedAt * SrpSimulation.MS;
        for (int id : sim.upNodes()) {
            DeliveryLog log = sim.logOf(id);
            Set<String> delivered = new HashSet<>(log.payloads());
            for (String payload : sim.sent()) {
                boolean mine = DeliveryChecks.senderOf(payload).equals(log.process());
                if ((sim.sentAtNs(payload) >= formedNs || mine) && !delivered.contains(payload)) {
                    problems.add("liveness: " + log.process() + " never delivered " + payload
                            + (mine ? " (its own)" : " (sent after the ring formed)") + "; " + sim.describe());
                }
            }
        }
    }
}
