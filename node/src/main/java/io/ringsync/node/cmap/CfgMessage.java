package io.ringsync.node.cmap;

/**
 * The ordered messages of the node's CMAP service ({@code ServiceId.CMAP}): the cluster-wide
 * operations of {@code ringsync cfg}. Each names its origin's request, so the origin answers its
 * client when the outcome comes back in the total order.
 */
public sealed interface CfgMessage {

    /** Node {@code target} must leave the ring and stop ({@code corosync-cfgtool -k}). */
    record Kill(int origin, int target) implements CfgMessage {
    }

    /** Every member re-reads its config file and votes; {@code requestId} is the origin's. */
    record ReloadRequest(int origin, long requestId) implements CfgMessage {
    }

    /** A member's verdict on reload {@code requestId} of {@code origin}. */
    record ReloadVote(int origin, long requestId, ReloadVerdict verdict) implements CfgMessage {
    }
}
