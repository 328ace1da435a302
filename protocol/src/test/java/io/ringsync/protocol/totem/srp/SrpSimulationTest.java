package io.ringsync.protocol.totem.srp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulation of whole Totem nodes ({@link SrpScenario}). Every failure names its
 * seed and the command that replays it. {@code -Dsrp.seed=N} runs one seed only (replay);
 * {@code -Dsrp.seeds=N} sets how many chaos seeds run (the soak).
 */
class SrpSimulationTest {

    private static final int CHAOS_SEEDS = Integer.getInteger("srp.seeds", 500);
    private static final long CHAOS_MS = 2_000;

    @Test
    void firstBootFormsOneRingAndDeliversEverythingInOneOrder() {
        runSeeds(1, 100, 0);
    }

    @Test
    void randomFaultsNeverBreakOrderOrVirtualSynchronyAndTheRingHeals() {
        runSeeds(1_000, CHAOS_SEEDS, CHAOS_MS);
    }

    private static void runSeeds(long firstSeed, int count, long chaosMs) {
        String only = System.getProperty("srp.seed");
        List<String> failures = new ArrayList<>();
        long maxFormation = 0;
        long seeds = 0;
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            long run = only != null ? Long.parseLong(only) : seed;
            SrpScenario.Result result = SrpScenario.run(run, chaosMs);
            seeds++;
            maxFormation = Math.max(maxFormation, result.formationMs());
            if (!result.problems().isEmpty()) {
                failures.add("seed " + run + " (" + result.nodes() + " nodes, " + result.faults() + " faults): "
                        + String.join("\n    ", result.problems().subList(0, Math.min(5, result.problems().size())))
                        + "\n  replay: mvn -pl protocol -am test -Dtest=SrpSimulationTest -Dsrp.seed=" + run
                        + " -Dsurefire.failIfNoSpecifiedTests=false");
            }
            if (only != null) {
                break;
            }
        }
        System.out.printf("srp simulation: %d seeds, chaos %d ms, slowest formation after heal %d ms, %d failing%n",
                seeds, chaosMs, maxFormation, failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing seeds:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        }
        assertEquals(0, failures.size());
    }
}
