package io.ringsync.protocol.totem.membership;

/**
 * The membership timers (STYLE.md rule 3): the core asks for them with
 * {@link MembershipEffect.SetTimer} and {@link MembershipEffect.CancelTimer}; the driver keys
 * one timer per kind (setting one again restarts it) and feeds expiry back through
 * {@link MembershipCore#onTimeout}.
 */
public enum TimerKind {
    /** The random 0..{@code send_join} delay before the first join of a GATHER. */
    SEND_JOIN,
    /** Re-send the join every {@code join} ms while in GATHER. */
    JOIN,
    /** {@code consensus}: give up waiting for agreement and mark the silent nodes failed. */
    CONSENSUS,
    /** {@code token}: the (commit or regular) token did not come back in time. */
    TOKEN_LOSS,
    /**
     * {@code token_warning} % of {@code token} without a regular token while OPERATIONAL: warn
     * that the ring may be about to re-form (armed by the ordering layer with the loss timer).
     */
    TOKEN_WARNING,
    /** {@code token_retransmit}: no new token since I forwarded one; send my copy again. */
    TOKEN_RETRANSMIT,
    /** {@code hold}: the representative releases the idle token it holds. */
    TOKEN_HOLD,
    /** {@code merge}: the representative of an idle ring multicasts a merge detect. */
    MERGE_DETECT
}
