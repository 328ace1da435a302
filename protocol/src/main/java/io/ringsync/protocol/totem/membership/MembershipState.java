package io.ringsync.protocol.totem.membership;

/** Totem SRP's membership states (corosync.md section 1, "States"; Totem TOCS 1995 figure 4). */
public enum MembershipState {
    /** A ring is installed; the regular token circulates and messages are ordered and delivered. */
    OPERATIONAL,
    /** Exchanging joins to agree on the proc and failed sets; ends in consensus or a timeout. */
    GATHER,
    /** Consensus reached; the commit token is on its first rotation, collecting old-ring state. */
    COMMIT,
    /** The commit token's second rotation is done; old-ring messages are recovered before OPERATIONAL. */
    RECOVERY
}
