package io.ringsync.protocol.link;

import io.ringsync.protocol.PureCore;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.LongStream;

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
        return micros(samples().min());
    }

    long maxUs() {
        return micros(samples().max());
    }

    long avgUs() {
        return count == 0 ? -1 : samples().sum() / count / 1_000;
    }

    /** The filled part of the ring: slots 0..count-1 (all of them once it has wrapped). */
    private LongStream samples() {
        return Arrays.stream(samplesNs, 0, count);
    }

    private static long micros(OptionalLong ns) {
        return ns.isPresent() ? ns.getAsLong() / 1_000 : -1;
    }
}
