package io.ringsync.protocol.totem;

import io.ringsync.protocol.PureCore;

/**
 * Totem's per-visit flow control, Corosync's {@code fcc_calculate} and {@code fcc_token_update}
 * (corosync.md section 1, token receipt steps 4 and 7). One instance per node and ring; it
 * remembers this node's previous contribution to the token's {@code fcc} and {@code backlog}.
 *
 * <ul>
 * <li>allowed = min(max_messages, window_size − fcc), never below 0;</li>
 * <li>if the ring has a backlog (token.backlog + my backlog − my previous backlog &gt; 0), also
 *     at most window_size × my previous backlog / that sum, when that share is above 0
 *     (Corosync's {@code backlog_calc > 0} test: a zero share is ignored, so a node whose
 *     previous backlog was 0 is not held at 0);</li>
 * <li>after sending: fcc += sent − sent on my previous visit; backlog += my backlog − my
 *     previous backlog, where "sent" counts retransmissions and new messages.</li>
 * </ul>
 */
@PureCore
public final class FlowControl {

    private final int maxMessages;
    private final int windowSize;
    private long previousBacklog;
    private long currentBacklog;
    private long sentLastVisit;

    /** Flow control with Corosync's {@code max_messages} (per visit) and {@code window_size} (per rotation). */
    public FlowControl(int maxMessages, int windowSize) {
        if (maxMessages < 1 || windowSize < 1) {
            throw new IllegalArgumentException("max_messages " + maxMessages + ", window_size " + windowSize);
        }
        this.maxMessages = maxMessages;
        this.windowSize = windowSize;
    }

    /** How many messages (retransmitted and new) this node may send on this visit, with {@code myBacklog} queued. */
    public int allowed(RegularToken token, long myBacklog) {
        currentBacklog = myBacklog;
        long allowed = Math.max(0, Math.min(maxMessages, windowSize - token.fcc()));
        long ringBacklog = token.backlog() + myBacklog - previousBacklog;
        if (ringBacklog > 0) {
            long share = windowSize * previousBacklog / ringBacklog;
            if (share > 0 && allowed > share) {
                allowed = share;
            }
        }
        return (int) allowed;
    }

    /** The token's new fcc after sending {@code sent} messages on this visit; call {@link #newBacklog} too. */
    public long newFcc(RegularToken token, int sent) {
        long fcc = Math.max(0, token.fcc() + sent - sentLastVisit);
        sentLastVisit = sent;
        return fcc;
    }

    /** The token's new backlog: my contribution measured by {@link #allowed} replaces the previous one. */
    public long newBacklog(RegularToken token) {
        long backlog = Math.max(0, token.backlog() + currentBacklog - previousBacklog);
        previousBacklog = currentBacklog;
        return backlog;
    }
}
