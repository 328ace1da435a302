package io.ringsync.protocol.totem.membership;

import io.ringsync.config.TotemSettings;

/**
 * The timeouts {@link MembershipCore} uses, in milliseconds, with Corosync's names.
 *
 * @param joinMs      {@code join}: join re-send interval in GATHER (50)
 * @param sendJoinMs  {@code send_join}: upper bound of the random delay before the first join
 *                    of a GATHER (0 = send at once)
 * @param consensusMs {@code consensus}: time to reach agreement before marking silent nodes
 *                    failed (1.2 × token); at least {@code joinMs}
 * @param tokenMs     the effective {@code token} timeout, armed in COMMIT and RECOVERY
 */
public record MembershipSettings(long joinMs, long sendJoinMs, long consensusMs, long tokenMs) {

    /** Checks every value is positive (send_join may be 0) and consensus is at least join. */
    public MembershipSettings {
        if (joinMs < 1 || sendJoinMs < 0 || consensusMs < joinMs || tokenMs < 1) {
            throw new IllegalArgumentException("bad membership settings: join=" + joinMs + " send_join="
                    + sendJoinMs + " consensus=" + consensusMs + " token=" + tokenMs);
        }
    }

    /** The values of {@code totem} for a nodelist of {@code nodeCount} nodes (effective token). */
    public static MembershipSettings of(TotemSettings totem, int nodeCount) {
        return new MembershipSettings(totem.joinMs(), totem.sendJoinMs(), totem.consensusMs(),
                totem.effectiveTokenMs(nodeCount));
    }

    /** Corosync 3.1's defaults for up to two nodes: join 50, send_join 0, consensus 3600, token 3000. */
    public static MembershipSettings corosyncDefaults() {
        return new MembershipSettings(50, 0, 3600, 3000);
    }
}
