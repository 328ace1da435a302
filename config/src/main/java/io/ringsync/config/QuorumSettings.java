package io.ringsync.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The quorum section, as votequorum(5) names it. {@code expectedVotes} is empty when the
 * file leaves it to the sum of the nodelist's votes. {@code waitForAll} is the effective
 * value (two_node implies it unless set explicitly). {@code autoTieBreakerNode} is
 * "lowest", "highest" or a list of node ids in {@code autoTieBreakerNodes}; when it is a list,
 * {@code autoTieBreakerNode} is "list" and {@code autoTieBreakerNodes} is non-empty.
 * {@code expectedVotesTracking} is already true when {@code allowDownscale} is.
 */
public record QuorumSettings(
        OptionalInt expectedVotes,
        boolean twoNode,
        boolean waitForAll,
        boolean lastManStanding,
        long lastManStandingWindowMs,
        boolean autoTieBreaker,
        String autoTieBreakerNode,
        List<Integer> autoTieBreakerNodes,
        boolean allowDownscale,
        boolean expectedVotesTracking,
        Optional<QdeviceSettings> qdevice) {

    public QuorumSettings {
        autoTieBreakerNodes = List.copyOf(autoTieBreakerNodes);
    }

    /** A quorum device's votes and timeouts (qdevice-style arbiter). */
    public record QdeviceSettings(int votes, long timeoutMs, long syncTimeoutMs) {
    }
}
