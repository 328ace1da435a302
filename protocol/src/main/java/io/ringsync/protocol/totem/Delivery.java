package io.ringsync.protocol.totem;

/**
 * The delivery guarantee of an {@link OrderedMessage} (Totem TOCS 1995, section 2).
 * Corosync implements only AGREED; ringsync implements both.
 */
public enum Delivery {
    /** Delivered in seq order once every lower seq has been delivered (no gap below it). */
    AGREED,
    /**
     * Delivered in seq order once, in addition, every ring member is known to hold it: the
     * token's aru was at least its seq on two successive visits of this node.
     */
    SAFE
}
