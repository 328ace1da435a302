package io.ringsync.protocol.transport;

/** Outcome of {@link AeronTransport#send}; every outcome is counted, none is silent. */
public enum SendResult {
    /** Offered to the publication. */
    SENT,
    /** No subscriber connected (peer down or not yet up); not retried. */
    NOT_CONNECTED,
    /** Still back pressured after the configured retries. */
    BACK_PRESSURED,
    /** Still in an admin action (e.g. term rotation) after the configured retries. */
    ADMIN_ACTION,
    /** The publication or the transport is closed. */
    CLOSED,
    /** The publication exhausted its position space. */
    MAX_POSITION_EXCEEDED,
    /**
     * Longer than the publication's largest message (term length / 8) once sealed: a frame at
     * the decoder's payload cap plus the crypto overhead; senders keep payloads within
     * {@link AeronTransport#maxPayloadBytes}.
     */
    TOO_LARGE,
    /** Unknown node, own node id, or a link the peer or this node does not have. */
    NO_ROUTE
}
