package io.ringsync.protocol.totem.srp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.OrderingSettings;
import io.ringsync.protocol.totem.membership.MembershipSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runtime changes of a running {@link SrpCore} (a committed {@code cfg reload}), in the seeded
 * simulator: a new nodelist applies at once (two rings that did not know each other merge once
 * both sides list each other), new timers wait for the next ring and are then adopted by every
 * member of it.
 */
class SrpReconfigureTest {

    private static final SrpSettings BASE = SrpSimulation.settings(0, false);

    /** BASE with token {@code tokenMs}, consensus 1.2 × token, join 30 and window_size 40. */
    private static SrpSettings slower(long tokenMs) {
        return new SrpSettings(new MembershipSettings(30, 0, tokenMs * 6 / 5, tokenMs),
                new OrderingSettings(17, 40, 5, 300, 2048, 64), 60, 40, 50, 30, BASE.maxChunkBytes(),
                BASE.maxMessageBytes(), false, 0);
    }

    private static void runUntilOneRing(SrpSimulation sim, long fromMs) {
        for (long t = fromMs; t <= fromMs + 8_000; t += 10) {
            sim.runUntil(t);
            if (sim.oneRingOfAllUpNodes()) {
                return;
            }
        }
        throw new AssertionError("no single ring: " + sim.describe());
    }

    @Test
    void newTimersWaitForTheNextRingThenEveryMemberRunsThem() {
        SrpSimulation sim = new SrpSimulation(11, 3, BASE);
        for (int id = 1; id <= 3; id++) {
            sim.boot(id);
        }
        runUntilOneRing(sim, 0);
        SrpSettings next = slower(300);
        for (int id = 1; id <= 3; id++) {
            sim.coreOf(id).changeSettings(next);
        }
        long formed = sim.coreOf(1).counters().ringsFormed();
        sim.runUntil(sim.nowNs() / 1_000_000 + 2_000);
        assertEquals(formed, sim.coreOf(1).counters().ringsFormed(), "no ring change without a cause");
        for (int id = 1; id <= 3; id++) {
            assertEquals(BASE, sim.coreOf(id).settings(), "node " + id + " keeps its timers mid-ring");
            assertTrue(sim.coreOf(id).settingsPending());
        }

        sim.crash(3);
        runUntilOneRing(sim, sim.nowNs() / 1_000_000);
        for (int id = 1; id <= 2; id++) {
            assertEquals(next, sim.coreOf(id).settings(), "node " + id + " runs the new timers in the new ring");
            assertFalse(sim.coreOf(id).settingsPending());
        }
        assertTrue(sim.safeViolations().isEmpty(), sim.safeViolations().toString());
    }

    @Test
    void ringsThatDoNotListEachOtherMergeOnceANewNodelistListsBoth() {
        SrpSimulation sim = new SrpSimulation(12, 3, BASE);
        sim.boot(1, List.of(1, 2));
        sim.boot(2, List.of(1, 2));
        sim.boot(3, List.of(3));
        sim.runUntil(3_000);
        assertEquals(List.of(1, 2), sim.coreOf(1).ring().members());
        assertEquals(List.of(3), sim.coreOf(3).ring().members(), "node 3 is unknown to the others: alone");

        for (int id = 1; id <= 3; id++) {
            sim.coreOf(id).changeNodelist(List.of(1, 2, 3));
        }
        assertEquals(List.of(1, 2, 3), sim.coreOf(1).nodelist());
        runUntilOneRing(sim, 3_000);
        assertEquals(List.of(1, 2, 3), sim.coreOf(2).ring().members());
    }

    @Test
    void aNodelistWithoutThisNodeAndAnotherMessageSizeAreRefused() {
        SrpSimulation sim = new SrpSimulation(13, 2, BASE);
        sim.boot(1);
        SrpCore core = sim.coreOf(1);
        assertThrows(IllegalArgumentException.class, () -> core.changeNodelist(List.of(2, 3)));
        SrpSettings bigger = new SrpSettings(BASE.membership(), BASE.ordering(), 50, 40, 50, 30,
                BASE.maxChunkBytes() * 2, BASE.maxMessageBytes(), false, 0);
        assertThrows(IllegalArgumentException.class, () -> core.changeSettings(bigger));
        assertEquals(List.of(1, 2), core.nodelist());
    }
}
