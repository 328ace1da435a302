package io.ringsync.ckpt.store;

/**
 * SA Forum time values ({@code SaTimeT}): nanoseconds, absolute ones since the epoch.
 * {@link #END} ({@code SA_TIME_END}) means "never": a section that never expires, a checkpoint
 * kept for ever once nobody has it open.
 */
public final class Times {

    /** {@code SA_TIME_END}: never. */
    public static final long END = Long.MAX_VALUE;

    private Times() {
    }

    /** {@code a + b} for non-negative values, {@link #END} when it overflows or either is END. */
    public static long plus(long a, long b) {
        if (a == END || b == END) {
            return END;
        }
        long sum = a + b;
        return sum < 0 ? END : sum;
    }
}
