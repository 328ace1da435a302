package io.ringsync.config;

/**
 * Aeron transport tuning for small shared machines: term buffer length per publication and
 * image (a power of two, 64 KiB..1 GiB), the UDP MTU, sparse term files, the idle strategy
 * of the node's transport agent ("backoff", "sleep" or "yield"; "backoff" parks up to
 * {@code idleMaxParkUs} microseconds), how long the "backoff" transport keeps polling after
 * Totem last carried an application message ({@code busyPollUs}, 0 = never), and the bounded
 * retry budget on back pressure.
 */
public record TransportSettings(
        int termLengthBytes,
        int mtuBytes,
        boolean sparseTermFiles,
        String idleStrategy,
        long idleMaxParkUs,
        long busyPollUs,
        int backPressureRetries,
        long driverTimeoutMs) {
}
