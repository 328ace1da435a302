package io.ringsync.protocol.totem;

import io.ringsync.protocol.PureCore;

/**
 * A simplified form of Corosync's idle-ring token hold (corosync.md section 1, token receipt
 * steps 1 and 8): each visit whose forwarded token shows no change since this node's previous
 * visit (same seq, aru == seq, empty rtr list) while nothing is queued here counts as
 * unchanged; any other visit resets the count. The representative holds the token (does not
 * forward it at once) once the count is above {@code seqno_unchanged_const}; the driver
 * releases it after the {@code hold} time. Other members never hold.
 *
 * <p>Deviations: Corosync's non-rep members also count (and hold at {@code >=}); here they
 * do not. A message queued on another node during a hold waits for the release, since
 * {@code token_hold_cancel} is not implemented; the driver releases at once only for a
 * message queued on the holding node itself. {@code cancel_token_hold_on_retransmit} is
 * implied: a visit with rtr entries or aru below seq is never unchanged.
 */
@PureCore
public final class TokenHold {

    private final boolean representative;
    private final int seqnoUnchangedConst;
    private long previousSeq = -1;
    private int unchangedVisits;

    /** A hold rule for a node that is ({@code representative}) or is not the ring's rep. */
    public TokenHold(boolean representative, int seqnoUnchangedConst) {
        if (seqnoUnchangedConst < 0) {
            throw new IllegalArgumentException("seqno_unchanged_const " + seqnoUnchangedConst);
        }
        this.representative = representative;
        this.seqnoUnchangedConst = seqnoUnchangedConst;
    }

    /** Records a visit that forwards {@code forwarded} with {@code queued} messages waiting here; true to hold it. */
    public boolean onForward(RegularToken forwarded, int queued) {
        boolean unchanged = forwarded.seq() == previousSeq && queued == 0 && forwarded.aru() == forwarded.seq()
                && forwarded.rtrList().isEmpty();
        previousSeq = forwarded.seq();
        unchangedVisits = unchanged ? unchangedVisits + 1 : 0;
        return representative && unchangedVisits > seqnoUnchangedConst;
    }

    /** Consecutive unchanged visits so far. */
    public int unchangedVisits() {
        return unchangedVisits;
    }
}
