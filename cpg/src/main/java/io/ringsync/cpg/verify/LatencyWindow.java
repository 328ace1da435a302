package io.ringsync.cpg.verify;

import io.ringsync.protocol.PureCore;
import java.util.Arrays;

/**
 * Send-to-delivery times: count, mean and maximum of all, percentiles over the last
 * {@link #WINDOW} (a bounded memory for a checker that may run for hours).
 */
@PureCore
public final class LatencyWindow {

    /** Samples the percentiles are taken from. */
    public static final int WINDOW = 100_000;

    private final long[] recent = new long[WINDOW];
    private long count;
    private long sumNs;
    private long maxNs;

    /** Records one time. */
    public void add(long nanos) {
        recent[(int) (count % WINDOW)] = nanos;
        count++;
        sumNs += nanos;
        maxNs = Math.max(maxNs, nanos);
    }

    /** Times recorded. */
    public long count() {
        return count;
    }

    /** The mean in microseconds, 0 without samples. */
    public double meanUs() {
        return count == 0 ? 0 : sumNs / 1e3 / count;
    }

    /** The largest in microseconds. */
    public double maxUs() {
        return maxNs / 1e3;
    }

    /** The {@code percentile} (0-100) of the recent samples in microseconds, 0 without samples. */
    public double percentileUs(double percentile) {
        int size = (int) Math.min(count, WINDOW);
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(recent, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(percentile / 100 * size) - 1);
        return sorted[Math.max(0, index)] / 1e3;
    }
}
