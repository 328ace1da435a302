package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;

/**
 * When a node in RECOVERY may enter OPERATIONAL (corosync.md section 1, "RECOVERY"; Corosync's
 * {@code retrans_flg}, {@code my_retrans_flg_count} and {@code my_install_seq}), decided on
 * each of its visits of the new ring's token:
 * <ol>
 * <li><b>Retransmit flag.</b> A node with recovered messages still to send when the token
 *     arrives sets the token's flag; the node that set it clears it on a later visit when its
 *     queue is empty. So the flag is clear for a whole rotation only once every member has sent
 *     everything it re-originates.</li>
 * <li><b>Install seq.</b> On my second consecutive visit with the flag clear, every recovered
 *     message has a seq at or below the token's seq: that is the install seq.</li>
 * <li><b>Install.</b> From then on, once the new ring's stable aru (the token aru seen on two
 *     successive visits, the safe-delivery rule) reaches the install seq, every member holds
 *     every recovered message, and this node enters OPERATIONAL. Corosync counts two rotations
 *     with its own aru at or above the install seq; the stable aru says the same of every
 *     member, so no member can be left without a message another already delivered.</li>
 * </ol>
 */
@PureCore
final class RecoveryProgress {

    private boolean iSetFlag;
    private int clearVisits;
    private long installSeq = -1;

    /** The retransmit flag to forward, given the received {@code flag} and whether I still have messages to send. */
    boolean flagToForward(boolean flag, boolean haveRecoveredToSend) {
        if (haveRecoveredToSend) {
            iSetFlag = true;
            return true;
        }
        if (flag && iSetFlag) {
            iSetFlag = false;
            return false;
        }
        return flag;
    }

    /**
     * Records a visit that forwarded a token with {@code flag} and {@code seq}, with the new
     * ring's {@code stableAru} after it; true once this node may enter OPERATIONAL.
     */
    boolean onVisit(boolean flag, long seq, long stableAru) {
        clearVisits = flag ? 0 : clearVisits + 1;
        if (clearVisits == 2) {
            installSeq = seq;
        }
        return clearVisits >= 2 && installSeq >= 0 && stableAru >= installSeq;
    }

    /** The install seq, or -1 before it is known. */
    long installSeq() {
        return installSeq;
    }
}
