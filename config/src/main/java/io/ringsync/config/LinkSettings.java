package io.ringsync.config;

/**
 * Link monitoring, in the manner of knet: each node pings each peer on each link every
 * {@code pingIntervalMs}; a link is up after {@code pongCount} consecutive pongs and down
 * when no pong arrived for {@code pingTimeoutMs}. Latency is the round-trip time, reported
 * as min/avg/max over the last {@code latencyWindow} pongs.
 */
public record LinkSettings(long pingIntervalMs, long pingTimeoutMs, int pongCount, int latencyWindow) {
}
