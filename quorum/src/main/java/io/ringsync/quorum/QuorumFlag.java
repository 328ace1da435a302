package io.ringsync.quorum;

/**
 * The flags {@code corosync-quorumtool -s} prints on its "Flags:" line, in its order and with its
 * words; the configured features, plus {@link #QUORATE} while quorate.
 */
public enum QuorumFlag {
    /** two_node is on. */
    TWO_NODE("2Node"),
    /** The cluster is quorate. */
    QUORATE("Quorate"),
    /** wait_for_all is configured. */
    WAIT_FOR_ALL("WaitForAll"),
    /** last_man_standing is on. */
    LAST_MAN_STANDING("LastManStanding"),
    /** auto_tie_breaker is on. */
    AUTO_TIE_BREAKER("AutoTieBreaker"),
    /** allow_downscale is on. */
    ALLOW_DOWNSCALE("AllowDownscale"),
    /** A quorum device is registered on this node. */
    QDEVICE("Qdevice");

    private final String word;

    QuorumFlag(String word) {
        this.word = word;
    }

    /** The word corosync-quorumtool prints. */
    public String word() {
        return word;
    }
}
