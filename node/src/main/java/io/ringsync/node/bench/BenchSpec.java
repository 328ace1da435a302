package io.ringsync.node.bench;

import io.ringsync.protocol.totem.Delivery;
import java.time.Duration;
import java.util.Optional;

/**
 * One bench process's run, as {@code ringsync bench} takes it.
 *
 * @param expectMembers the ring size to wait for (a REGULAR configuration of at least this many)
 * @param sizeBytes     bytes of each DATA message, {@link BenchPayload#HEADER_BYTES} .. 1 MiB
 * @param delivery      agreed or safe
 * @param warmup        sending (or, in latency mode, probing) before the window opens
 * @param duration      the measurement window (throughput mode)
 * @param send          whether this node sends; passive nodes only count
 * @param senders       END messages to wait for: the number of sending nodes
 * @param windowBytes   bytes of this node's DATA accepted but not yet delivered back to it, at most
 *                      (bounds Totem's originate queue, and so memory and queueing delay)
 * @param latencyCount  0 for throughput; otherwise the latency samples to take, one message in flight
 * @param gapMicros     latency mode: pause between a delivery and the next send
 * @param readyTimeout  how long to wait for the ring, and for the END messages at the end
 */
public record BenchSpec(int expectMembers, int sizeBytes, Delivery delivery, Duration warmup, Duration duration,
                        boolean send, int senders, long windowBytes, int latencyCount, long gapMicros,
                        Duration readyTimeout) {

    /** The largest message Totem takes (1 MiB). */
    public static final int MAX_SIZE_BYTES = 1 << 20;

    /** True in latency mode. */
    public boolean latencyMode() {
        return latencyCount > 0;
    }

    /** DATA messages accepted but not yet delivered back, at most: {@code windowBytes / sizeBytes}, at least 1. */
    public long windowMessages() {
        return Math.max(1, windowBytes / sizeBytes);
    }

    /** The first thing wrong with this spec, as one sentence, or empty. */
    public Optional<String> problem() {
        if (expectMembers < 1 || expectMembers > 384) {
            return Optional.of("--expect-members must be 1..384, got " + expectMembers);
        }
        if (sizeBytes < BenchPayload.HEADER_BYTES || sizeBytes > MAX_SIZE_BYTES) {
            return Optional.of("--size must be " + BenchPayload.HEADER_BYTES + ".." + MAX_SIZE_BYTES + " bytes, got "
                    + sizeBytes);
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative() || readyTimeout.isNegative()
                || readyTimeout.isZero()) {
            return Optional.of("--duration and --ready-timeout must be positive, --warmup not negative");
        }
        if (senders < 0 || senders > expectMembers || (send && senders < 1)) {
            return Optional.of("--senders must be 0.." + expectMembers + ", and at least 1 when this node sends, got "
                    + senders);
        }
        if (windowBytes < 1) {
            return Optional.of("--window-bytes must be positive, got " + windowBytes);
        }
        if (latencyCount < 0 || (latencyCount > 0 && !send)) {
            return Optional.of("--latency must be positive, and only on a node that sends");
        }
        if (gapMicros < 0 || gapMicros > 10_000_000) {
            return Optional.of("--gap-us must be 0..10000000, got " + gapMicros);
        }
        return Optional.empty();
    }
}
