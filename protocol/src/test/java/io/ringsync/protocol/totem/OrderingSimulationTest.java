package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The seeded simulator of STYLE.md rule 11 for Totem ordering on a fixed ring: many
 * {@link RingSimulation} runs, each fully determined by its seed. Every assertion message names
 * the seed; to replay a failure, set {@link #REPLAY_SEED} to it.
 */
class OrderingSimulationTest {

    /** Set to a failing seed to run only that one; 0 runs the normal range. */
    private static final long REPLAY_SEED = 0;
    private static final long FIRST_SEED = 0x70_7E_00_00L;
    private static final int SEEDS = 400;
    private static final int MAX_STEPS = 200_000;

    @Test
    void everyNodeDeliversTheSameMessagesInTheSameOrderAndSafeOnlyOnceAllHoldIt() {
        List<Long> seeds = REPLAY_SEED != 0 ? List.of(REPLAY_SEED)
                : LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS).boxed().toList();
        long started = System.nanoTime();
        long steps = 0;
        long safe = 0;
        List<OrderingCounters> counters = new ArrayList<>();
        for (long seed : seeds) {
            RingSimulation simulation = new RingSimulation(seed);
            steps += simulation.run(MAX_STEPS);
            safe += simulation.safeDeliveries();
            counters.addAll(simulation.counters());
        }
        System.out.printf("OrderingSimulationTest: %d seeds from %d, %d steps, %d ms; SAFE delivered %d,"
                        + " retransmitted %d, duplicates %d, out of window %d, TRY_AGAIN %d%n",
                seeds.size(), seeds.get(0), steps, (System.nanoTime() - started) / 1_000_000, safe,
                sum(counters, OrderingCounters::mcastRetx), sum(counters, OrderingCounters::mcastDuplicate),
                sum(counters, OrderingCounters::mcastOutOfWindow), sum(counters, OrderingCounters::originateRefused));
        assertTrue(safe > 0 && sum(counters, OrderingCounters::mcastRetx) > 0
                && sum(counters, OrderingCounters::mcastOutOfWindow) > 0, "the runs exercise SAFE, rtr and the window bound");
    }

    private static long sum(List<OrderingCounters> counters, ToLongFunction<OrderingCounters> counter) {
        return counters.stream().mapToLong(counter).sum();
    }
}
