package io.ringsync.protocol.link;

import io.ringsync.protocol.PureCore;

/**
 * The last {@code capacity} round-trip samples of a link (a ring buffer), reported as
 * min/avg/max in microseconds, -1 while empty. Kept across down/up transitions, so a down
 * link still shows the latency it had.
 */
@PureCore
final class RttWindow {

    private final long[] samplesNs;
    private int count;
    private int next;

    RttWindow(int capacity) {
        this.samplesNs = new long[Math.max(1, capacity)];
    }

    void add(long rttNs) {
        samplesNs[next] = rttNs;
        next = (next + 1) % samplesNs.length;
        count = Math.min(count + 1, samplesNs.length);
    }

    long minUs() {
        if (count == 0) {
            return -1;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, samplesNs[i]);
        }
        return min / 1_000;
    }

    long maxUs() {
        if (count == 0) {
            return -1;
        }
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, samplesNs[i]);
        }
        return max / 1_000;
    }

    long avgUs() {
        if (count == 0) {
            return -1;
        }
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samplesNs[i];
        }
        return sum / count / 1_000;
    }
}
