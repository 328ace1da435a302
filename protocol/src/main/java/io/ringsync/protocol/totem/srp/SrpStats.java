package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.OrderingCounters;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.membership.MembershipCounters;
import io.ringsync.protocol.totem.membership.MembershipState;
import java.util.EnumMap;
import java.util.Map;

/** The mutable counters behind {@link SrpCounters}, owned by one {@link SrpCore}. */
final class SrpStats {

    private final Map<MembershipState, Long> tokenLosses = new EnumMap<>(MembershipState.class);
    long tokensReceived;
    long tokensDropped;
    long tokenHolds;
    long holdCancelsSent;
    long holdCancelsReceived;
    long mergeDetectsSent;
    long mergeDetectsReceived;
    long foreignMessages;
    long staleIgnored;
    long failedToReceive;
    long originateRefused;
    long delivered;
    long ringsFormed;
    long tokenWarnings;
    private long lastRepReceiptNs = Long.MIN_VALUE;
    private long rotations;
    private long rotationNsTotal;
    private long rotationNsMax;

    /** An accepted token; at the representative, the time since its previous one is a rotation. */
    void tokenReceived(long nowNs, boolean atRepresentative) {
        tokensReceived++;
        if (!atRepresentative) {
            return;
        }
        if (lastRepReceiptNs != Long.MIN_VALUE) {
            long rotationNs = nowNs - lastRepReceiptNs;
            rotations++;
            rotationNsTotal += rotationNs;
            rotationNsMax = Math.max(rotationNsMax, rotationNs);
        }
        lastRepReceiptNs = nowNs;
    }

    /** The token-loss timer expired in {@code state}. */
    void tokenLost(MembershipState state) {
        tokenLosses.merge(state, 1L, Long::sum);
    }

    /** token_warning: the token stayed away for that share of the token timeout while OPERATIONAL. */
    void tokenWarning() {
        tokenWarnings++;
    }

    SrpCounters snapshot(MembershipState state, RingConfiguration ring, MembershipCounters membership,
                         OrderingCounters ordering, long chunksDropped) {
        return new SrpCounters(state, ring, tokensReceived, tokensDropped, tokenHolds, holdCancelsSent,
                holdCancelsReceived, mergeDetectsSent, mergeDetectsReceived, foreignMessages, staleIgnored,
                failedToReceive, originateRefused, delivered, chunksDropped, ringsFormed, tokenWarnings, tokenLosses,
                rotations == 0 ? 0 : rotationNsTotal / rotations, rotationNsMax, membership, ordering);
    }
}
