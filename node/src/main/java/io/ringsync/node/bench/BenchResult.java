package io.ringsync.node.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What one bench process measured, printed as one line of {@code key=value} fields after
 * {@code BENCH} (see {@link #line()}), for scripts.
 *
 * @param nodeId         this node
 * @param mode           {@code tput} (as fast as Totem accepts) or {@code lat} (one message in flight)
 * @param sizeBytes      size of each DATA message
 * @param delivery       {@code agreed} or {@code safe}
 * @param sent           DATA messages this node had accepted by Totem over the whole run
 * @param refused        of its multicasts, those answered TRY_AGAIN
 * @param delivered      DATA messages delivered to this node (from every sender) in the window
 * @param bytes          their bytes
 * @param windowNanos    length of the measurement window
 * @param totalDelivered DATA messages delivered to this node over the whole run
 * @param endsSeen       END messages delivered
 * @param endsExpected   END messages waited for (one per sending node)
 * @param orderOk        the {@link DeliveryCheck} passed: per-sender FIFO, no duplicate, none lost
 * @param problem        the first problem the check found, empty when none
 * @param orderHash      the check's hash of the total order
 * @param ring           the ring at the end, e.g. {@code 1.c}
 * @param members        its member count
 * @param ringChanges    regular configurations installed after the ring was ready
 * @param latency        in {@code lat} mode on the sending node, the latencies measured
 */
public record BenchResult(int nodeId, String mode, int sizeBytes, String delivery, long sent, long refused,
                          long delivered, long bytes, long windowNanos, long totalDelivered, int endsSeen,
                          int endsExpected, boolean orderOk, String problem, long orderHash, String ring, int members,
                          int ringChanges, Optional<LatencyStats> latency) {

    /** Window length in seconds. */
    public double seconds() {
        return windowNanos / 1e9;
    }

    /** Delivered messages per second in the window. */
    public double msgsPerSecond() {
        return windowNanos > 0 ? delivered / seconds() : 0;
    }

    /** Delivered megabytes (10^6 bytes, as the Corosync anchor) per second in the window. */
    public double megabytesPerSecond() {
        return windowNanos > 0 ? bytes / seconds() / 1e6 : 0;
    }

    /** True when every END waited for arrived and the order check passed. */
    public boolean passed() {
        return orderOk && endsSeen >= endsExpected;
    }

    /**
     * The result line, e.g. {@code BENCH node=1 mode=tput size=1024 delivery=agreed sent=... delivered=...
     * secs=10.000 msgs_per_s=... mb_per_s=... order_ok=true ... ring=1.c members=3}; in {@code lat}
     * mode with latencies, {@code lat_n p50_us p99_us mean_us max_us min_us} follow. A problem found by
     * the check comes last as {@code problem="..."}.
     */
    public String line() {
        StringBuilder out = new StringBuilder("BENCH");
        field(out, "node", nodeId);
        field(out, "mode", mode);
        field(out, "size", sizeBytes);
        field(out, "delivery", delivery);
        field(out, "sent", sent);
        field(out, "refused", refused);
        field(out, "delivered", delivered);
        field(out, "bytes", bytes);
        field(out, "secs", format("%.3f", seconds()));
        field(out, "msgs_per_s", format("%.0f", msgsPerSecond()));
        field(out, "mb_per_s", format("%.2f", megabytesPerSecond()));
        field(out, "total_delivered", totalDelivered);
        field(out, "ends", endsSeen + "/" + endsExpected);
        field(out, "order_ok", orderOk && endsSeen >= endsExpected);
        field(out, "order_hash", format("%016x", orderHash));
        field(out, "ring", ring);
        field(out, "members", members);
        field(out, "ring_changes", ringChanges);
        latency.ifPresent(l -> {
            field(out, "lat_n", l.count());
            field(out, "p50_us", format("%.1f", l.p50Us()));
            field(out, "p99_us", format("%.1f", l.p99Us()));
            field(out, "mean_us", format("%.1f", l.meanUs()));
            field(out, "max_us", format("%.1f", l.maxUs()));
            field(out, "min_us", format("%.1f", l.minUs()));
        });
        if (!problem.isEmpty()) {
            field(out, "problem", "\"" + problem.replace('"', '\'') + "\"");
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String key, Object value) {
        out.append(' ').append(key).append('=').append(value);
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
