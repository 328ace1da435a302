package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow();

    @Test
    void refusesCountersBelowOne() {
        assertFalse(window.accept(0));
        assertFalse(window.accept(-5));
        assertEquals(0, window.highest());
    }

    @Test
    void acceptsEachCounterOnce() {
        assertTrue(window.accept(1));
        assertFalse(window.accept(1));
        assertTrue(window.accept(5));
        assertTrue(window.accept(3));
        assertFalse(window.accept(3));
        assertEquals(5, window.highest());
    }

    @Test
    void theWindowHoldsTheHighestAndTheCountersBelowIt() {
        assertTrue(window.accept(5000));
        assertTrue(window.accept(5000 - ReplayWindow.SIZE + 1));
        assertFalse(window.accept(5000 - ReplayWindow.SIZE));
    }

    @Test
    void aLongJumpForgetsTheOldBits() {
        assertTrue(window.accept(10));
        assertTrue(window.accept(10 + 3 * ReplayWindow.SIZE));
        assertTrue(window.accept(10 + 2 * ReplayWindow.SIZE + 1), "same slot as 10, now a new counter");
    }

    /** Against a model that remembers every counter: both agree for a seeded random schedule. */
    @Test
    void agreesWithAnExactModel() {
        Random random = new Random(11);
        BitSet accepted = new BitSet();
        long highest = 0;
        for (int i = 0; i < 200_000; i++) {
            long counter = Math.max(1, highest + random.nextInt(64) - 48 + (random.nextInt(50) == 0 ? 1500 : 0));
            boolean expected = !accepted.get((int) counter) && highest - counter < ReplayWindow.SIZE;
            assertEquals(expected, window.accept(counter), "counter " + counter + " after highest " + highest);
            if (expected) {
                accepted.set((int) counter);
                highest = Math.max(highest, counter);
            }
        }
    }
}
