package io.ringsync.config;

/**
 * Totem timers and constants, with Corosync 3.1's names and defaults (see reference.conf).
 * Times are in milliseconds. Derived defaults are already applied: {@code tokenRetransmitMs}
 * is token / (token_retransmits_before_loss_const + 0.2), {@code holdMs} is
 * token_retransmit × 0.8 − 10, {@code consensusMs} is 1.2 × token, unless set explicitly.
 * {@code tokenMs} is the configured value; {@link #effectiveTokenMs(int)} adds the coefficient.
 * As in Corosync's totemconfig.c, "token" in the derived defaults is the effective token, so
 * with 3 or more nodes they grow with the coefficient (5 nodes: 4950 ms gives 1178, 932, 5940).
 * {@code failUnreachable} is ours ({@code totem.fail_unreachable}, off by default): GATHER marks
 * a node failed once every link to it is down, instead of waiting for the consensus timeout.
 */
public record TotemSettings(
        long tokenMs,
        long tokenCoefficientMs,
        int tokenWarningPercent,
        long tokenRetransmitMs,
        long holdMs,
        int tokenRetransmitsBeforeLossConst,
        long joinMs,
        long sendJoinMs,
        long consensusMs,
        long mergeMs,
        long downcheckMs,
        int failRecvConst,
        int seqnoUnchangedConst,
        int maxMessages,
        int windowSize,
        int missCountConst,
        boolean cancelTokenHoldOnRetransmit,
        int frameBytes,
        boolean failUnreachable) {

    /**
     * Corosync's effective token timeout: token + (nodes − 2) × token_coefficient when the
     * nodelist has at least 3 nodes, else token (shown as runtime.config.totem.token).
     */
    public long effectiveTokenMs(int nodeCount) {
        return nodeCount >= 3 ? tokenMs + (nodeCount - 2L) * tokenCoefficientMs : tokenMs;
    }

    /** These settings with {@code downcheck} {@code ms} (tests that wait for a node's endpoint). */
    public TotemSettings withDowncheckMs(long ms) {
        return new TotemSettings(tokenMs, tokenCoefficientMs, tokenWarningPercent, tokenRetransmitMs, holdMs,
                tokenRetransmitsBeforeLossConst, joinMs, sendJoinMs, consensusMs, mergeMs, ms, failRecvConst,
                seqnoUnchangedConst, maxMessages, windowSize, missCountConst, cancelTokenHoldOnRetransmit, frameBytes,
                failUnreachable);
    }

    /** These settings with {@code frame_size} {@code bytes} (a value only a restart changes). */
    public TotemSettings withFrameBytes(int bytes) {
        return new TotemSettings(tokenMs, tokenCoefficientMs, tokenWarningPercent, tokenRetransmitMs, holdMs,
                tokenRetransmitsBeforeLossConst, joinMs, sendJoinMs, consensusMs, mergeMs, downcheckMs, failRecvConst,
                seqnoUnchangedConst, maxMessages, windowSize, missCountConst, cancelTokenHoldOnRetransmit, bytes,
                failUnreachable);
    }
}
