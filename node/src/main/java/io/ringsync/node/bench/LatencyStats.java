package io.ringsync.node.bench;

import java.util.Arrays;

/**
 * Send-to-own-delivery latencies in microseconds, with the percentiles of the Corosync anchor's
 * client ({@code cpgperf.c}), so the figures compare: of n samples sorted ascending, p50 is the
 * one at index n / 2 and p99 the one at index floor(n * 0.99).
 */
public record LatencyStats(int count, double minUs, double p50Us, double p99Us, double meanUs, double maxUs) {

    /** The statistics of the first {@code count} of {@code nanos} (not changed); all zero when count is 0. */
    public static LatencyStats of(long[] nanos, int count) {
        if (count <= 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new LatencyStats(count, sorted[0] / 1e3, sorted[count / 2] / 1e3, sorted[(int) (count * 0.99)] / 1e3,
                sum / count / 1e3, sorted[count - 1] / 1e3);
    }
}
