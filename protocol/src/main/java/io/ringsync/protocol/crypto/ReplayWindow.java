package io.ringsync.protocol.crypto;

import io.ringsync.protocol.PureCore;
import java.util.Arrays;

/**
 * The anti-replay window of one sender session, as IPsec's (RFC 4303 §3.4.3, with the ring
 * bitmap of RFC 6479): the highest counter accepted so far and one bit for each of the
 * {@value #SIZE} counters up to it. A counter is accepted once if it is above the highest, or
 * within the window and not yet seen; a counter seen already, one {@value #SIZE} or more below
 * the highest, or below 1 (counters start at 1) is refused. Counters may arrive out of order
 * within the window.
 */
@PureCore
final class ReplayWindow {

    /** Counters tracked below and including the highest. */
    static final int SIZE = 1024;

    /** Bit (counter mod SIZE) stands for the one counter in (highest - SIZE, highest] with that residue. */
    private final long[] seen = new long[SIZE / Long.SIZE];
    private long highest;

    /** True (and remembered) if {@code counter} is new; false if it is a replay or out of range. */
    boolean accept(long counter) {
        if (counter < 1) {
            return false;
        }
        if (counter > highest) {
            clearAbove(highest, counter);
            highest = counter;
            set(counter);
            return true;
        }
        if (highest - counter >= SIZE || isSet(counter)) {
            return false;
        }
        set(counter);
        return true;
    }

    /** The highest counter accepted, 0 before the first. */
    long highest() {
        return highest;
    }

    /** Forgets the bits of counters in (from, to], whose slots the advancing window reuses. */
    private void clearAbove(long from, long to) {
        if (to - from >= SIZE) {
            Arrays.fill(seen, 0L);
            return;
        }
        for (long c = from + 1; c <= to; c++) {
            seen[slot(c) >>> 6] &= ~(1L << slot(c));
        }
    }

    private boolean isSet(long counter) {
        return (seen[slot(counter) >>> 6] & (1L << slot(counter))) != 0;
    }

    private void set(long counter) {
        seen[slot(counter) >>> 6] |= 1L << slot(counter);
    }

    private static int slot(long counter) {
        return (int) (counter & (SIZE - 1));
    }
}
