package io.ringsync.config;

/**
 * Aeron transport tuning for small shared machines: term buffer length per publication and
 * image (a power of two, 64 KiB..1 GiB), the UDP MTU, sparse term files, the idle strategy
 * of the node's transport agent ("backoff", "sleep" or "yield"; "backoff" parks up to
 * {@code idleMaxParkUs} microseconds), how long the "backoff" transport keeps polling after
 * Totem last carried an application message ({@code busyPollUs}, 0 = never), the bounded
 * retry budget on back pressure, and {@code faultInjection}: whether the transport's fault
 * filter (network cuts, frame loss, duplication and reordering injected at runtime by tests)
 * can be switched on. It is off by default and meant for test clusters only.
 */
public record TransportSettings(
        int termLengthBytes,
        int mtuBytes,
        boolean sparseTermFiles,
        String idleStrategy,
        long idleMaxParkUs,
        long busyPollUs,
        int backPressureRetries,
        long driverTimeoutMs,
        boolean faultInjection) {

    /** The settings without fault injection. */
    public TransportSettings(int termLengthBytes, int mtuBytes, boolean sparseTermFiles, String idleStrategy,
                             long idleMaxParkUs, long busyPollUs, int backPressureRetries, long driverTimeoutMs) {
        this(termLengthBytes, mtuBytes, sparseTermFiles, idleStrategy, idleMaxParkUs, busyPollUs, backPressureRetries,
                driverTimeoutMs, false);
    }

    /** These settings with fault injection allowed or not. */
    public TransportSettings withFaultInjection(boolean allowed) {
        return new TransportSettings(termLengthBytes, mtuBytes, sparseTermFiles, idleStrategy, idleMaxParkUs,
                busyPollUs, backPressureRetries, driverTimeoutMs, allowed);
    }
}
