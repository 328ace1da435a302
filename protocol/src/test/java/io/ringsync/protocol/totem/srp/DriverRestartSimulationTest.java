package io.ringsync.protocol.totem.srp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A restart of one node's Totem driver (its actor restarted by the supervisor: a rejoin, a crash,
 * a kill) in the seeded simulator: the new core takes the accepted messages over
 * ({@link AcceptedMessages}), so the nodes that stayed up deliver every message the node
 * accepted, once, in its order, whatever the restart caught in flight (packed, fragmented, SAFE
 * or AGREED; several seeds put the restart at different points). A crash of the whole node at
 * the same point, whose queue is gone, loses some: the scenario does catch messages queued.
 */
class DriverRestartSimulationTest {

    private static final int BURST = 400;

    @Test
    void everyMessageAcceptedBeforeADriverRestartIsDeliveredOnceInOrderByTheOthers() {
        for (long seed = 1; seed <= 12; seed++) {
            SrpSimulation sim = burstThenRestart(seed, true, seed % 2 == 0);
            List<String> problems = new ArrayList<>(DeliveryChecks.all(sim.logs(), sim.sent(), sim.syncLayer()));
            problems.addAll(sim.safeViolations());
            for (int id = 2; id <= 3; id++) {
                Set<String> delivered = new HashSet<>(sim.logOf(id).payloads());
                int node = id;
                sim.sent().stream().filter(m -> !delivered.contains(m)).sorted()
                        .forEach(m -> problems.add(m + " never delivered by node " + node));
            }
            assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())), "seed " + seed + " ("
                    + problems.size() + " problems): " + sim.describe() + " node 2 delivered " + sim.logOf(2).payloads());
            assertTrue(sim.sent().size() > 64, "seed " + seed + ": more accepted than one queue holds");
        }
    }

    @Test
    void theNodeItselfDeliversEachOfItsMessagesAtMostOnceAcrossTheRestartInARingWithTheOthers() {
        for (long seed = 1; seed <= 6; seed++) {
            SrpSimulation sim = burstThenRestart(seed, true, false);
            List<String> node1 = new ArrayList<>();
            sim.logs().stream().filter(log -> log.process().startsWith("n1.")).forEach(log -> node1.addAll(log.payloads()));
            assertEquals(node1.size(), new HashSet<>(node1).size(), "seed " + seed + ": " + node1);
            assertEquals(List.of(), DeliveryChecks.fifoWithoutGaps(sim.logOf(1)), "seed " + seed);
            DeliveryLog.Configuration firstRegular = sim.logOf(1).entries().stream()
                    .filter(e -> e instanceof DeliveryLog.Configuration c && c.kind() == ConfigurationKind.REGULAR)
                    .map(DeliveryLog.Configuration.class::cast).findFirst().orElseThrow();
            assertEquals(List.of(1, 2, 3), firstRegular.members(),
                    "seed " + seed + ": the restarted node gathered with its old ring, not alone");
        }
    }

    @Test
    void aCrashOfTheWholeNodeAtTheSamePointLosesTheQueuedMessages() {
        int lost = 0;
        for (long seed = 1; seed <= 6; seed++) {
            SrpSimulation sim = burstThenRestart(seed, false, false);
            Set<String> delivered = new HashSet<>(sim.logOf(2).payloads());
            lost += (int) sim.sent().stream().filter(m -> !delivered.contains(m)).count();
        }
        assertTrue(lost > 0, "the restart point catches queued messages, which a crash loses");
    }

    /**
     * The chaos seeds of {@link SrpSimulationTest} with driver restarts among the faults: every
     * property of {@link DeliveryChecks} and liveness still hold. {@code -Dsrp.restart.seeds=N}
     * runs more.
     */
    @Test
    void randomFaultsWithDriverRestartsKeepEveryPropertyAndTheRingHeals() {
        int seeds = Integer.getInteger("srp.restart.seeds", 200);
        List<String> failures = new ArrayList<>();
        long faults = 0;
        long steps = 0;
        for (long seed = 5_000; seed < 5_000 + seeds; seed++) {
            SrpScenario.Result result = SrpScenario.run(seed, 2_000, true);
            faults += result.faults();
            steps += result.steps();
            if (!result.problems().isEmpty()) {
                failures.add("seed " + seed + ": " + String.join("\n    ",
                        result.problems().subList(0, Math.min(5, result.problems().size()))));
            }
        }
        System.out.printf("driver restart simulation: %d seeds, %d faults (about one in eight a driver restart), %d steps, "
                + "%d failing%n", seeds, faults, steps, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " failing seeds");
    }

    /**
     * Three nodes form a ring; node 1 queues {@link #BURST} messages as fast as its queue takes
     * them (a TRY_AGAIN is dropped, as a client would retry later), the driver restarts a few
     * ms later while many are still queued ({@code keepAccepted}; otherwise the node crashes and
     * boots), and the run goes on until one ring delivered everything.
     */
    private static SrpSimulation burstThenRestart(long seed, boolean keepAccepted, boolean syncLayer) {
        SrpSimulation sim = new SrpSimulation(seed, 3, SrpSimulation.settings(0, syncLayer));
        for (int id = 1; id <= 3; id++) {
            sim.boot(id);
        }
        long now = runUntilOneRing(sim, 0);
        for (int k = 0; k < BURST; k++) {
            sim.at(now + 10 + k / 40, () -> sim.send(1, 0.3));
        }
        long restartAt = now + 11 + seed % 7;
        sim.runUntil(restartAt);
        assertFalse(sim.coreOf(1).queuedApplication() == 0, "seed " + seed + ": messages still queued at the restart");
        if (keepAccepted) {
            sim.restartDriver(1);
        } else {
            sim.crash(1);
            sim.boot(1);
        }
        long formed = runUntilOneRing(sim, restartAt + 1);
        sim.runUntil(formed + 3_000);
        return sim;
    }

    private static long runUntilOneRing(SrpSimulation sim, long fromMs) {
        for (long t = fromMs; t <= fromMs + 8_000; t += 10) {
            sim.runUntil(t);
            if (sim.oneRingOfAllUpNodes()) {
                return t;
            }
        }
        throw new AssertionError("no single ring: " + sim.describe());
    }
}
