package io.ringsync.protocol.totem.membership;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LongSummaryStatistics;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulator over 2 to 5 cores (STYLE.md rule 11): a chaos phase (joins and
 * merge_detects dropped and reordered) then a reliable phase, after which every live node must
 * be OPERATIONAL in one ring of exactly the live nodes. Safety (same ring id, same members) and
 * the invariants are checked after every step by {@link MembershipSimulation}.
 */
class MembershipSimulationTest {

    private static final int SEEDS = 300;
    private static final long CHAOS_MS = 3_000;
    private static final long LIMIT_MS = 60_000;

    @Test
    void allNodesAloneAtFirstBootFormOneRing() {
        runSeeds("first boot", seed -> MembershipSimulation.firstBoot(seed, 2 + (int) (seed % 4), 0.2, CHAOS_MS));
    }

    @Test
    void theSurvivorsOfACrashFormOneRing() {
        runSeeds("crash", seed -> {
            int n = 2 + (int) (seed % 4);
            return MembershipSimulation.crashInRing(seed, n, 1 + (int) ((seed / 4) % n), 0.2, CHAOS_MS);
        });
    }

    @Test
    void withoutLossesTheSurvivorsAgreeWithinTwoConsensusTimeouts() {
        LongSummaryStatistics times = runSeeds("crash, reliable", seed -> {
            int n = 3 + (int) (seed % 3);
            return MembershipSimulation.crashInRing(seed, n, 1 + (int) (seed % n), 0, 0);
        });
        long bound = MembershipSimulation.SETTINGS.tokenMs() + 2 * MembershipSimulation.SETTINGS.consensusMs();
        assertTrue(times.getMax() <= bound, "slowest " + times.getMax() + " ms > " + bound + " ms");
    }

    @Test
    void afterHeavyLossesTheNodesStillConverge() {
        runSeeds("heavy loss", seed -> seed % 2 == 0
                ? MembershipSimulation.firstBoot(seed, 5, 0.6, 10_000)
                : MembershipSimulation.crashInRing(seed, 5, 1 + (int) (seed % 5), 0.6, 10_000));
    }

    private static LongSummaryStatistics runSeeds(String scenario, LongFunction<MembershipSimulation> build) {
        LongSummaryStatistics times = new LongSummaryStatistics();
        LongSummaryStatistics steps = new LongSummaryStatistics();
        LongSummaryStatistics rings = new LongSummaryStatistics();
        long consensusTimeouts = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            MembershipSimulation sim = build.apply(seed);
            long ms;
            try {
                ms = sim.runUntilAgreed(LIMIT_MS);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(scenario + " seed " + seed + ": " + e.getMessage(), e);
            }
            if (ms < 0) {
                fail(scenario + " seed " + seed + ": no agreement within " + LIMIT_MS + " ms");
            }
            times.accept(ms);
            steps.accept(sim.steps());
            rings.accept(sim.ringsInstalled());
            consensusTimeouts += sim.sum(MembershipCounters::consensusTimeouts);
        }
        System.out.printf("membership sim %s: %d seeds, agreed in %d..%d ms (mean %.0f), steps mean %.0f max %d,"
                + " rings installed mean %.2f max %d, consensus timeouts %d%n", scenario, SEEDS, times.getMin(),
                times.getMax(), times.getAverage(), steps.getAverage(), steps.getMax(), rings.getAverage(),
                rings.getMax(), consensusTimeouts);
        return times;
    }
}
