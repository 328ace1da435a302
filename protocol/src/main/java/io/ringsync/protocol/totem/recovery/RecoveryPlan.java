package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.util.List;

/**
 * What one node does in RECOVERY (corosync.md section 1, "RECOVERY"; Totem TOCS 1995, the
 * recovery part of the membership protocol), computed from its {@link OldRingState} and the commit token after rotation 1:
 * <ul>
 * <li><b>Transitional set</b>: the new members whose entry names this node's old ring
 *     ({@link CommitToken#transitionalSet}); it always contains this node.</li>
 * <li><b>Retransmission needed</b> iff some transitional member's {@code receivedFlag} is
 *     false. The flag is {@code aru == high seq} when filled and is cleared for every entry of
 *     the same old ring below that ring's highest aru, so when all are set every transitional
 *     member holds exactly the seqs 1..aru of the same aru, and nothing needs sending.</li>
 * <li><b>Re-originate</b> (only when needed): every held seq in
 *     ({@code lowestTransitionalAru}, my highSeq], as a {@link RecoveredMessage}, in seq order.
 *     Every transitional member holds every seq at or below its own aru, so below the lowest
 *     aru all of them hold everything. Above it, each holder re-sends what it holds, so the
 *     union of what the transitional members hold reaches all of them; seqs held by several
 *     are sent several times and the receivers keep one by (old ring, old seq)
 *     ({@link OldRingState#withRecovered}). Corosync does the same (each node queues its range
 *     on the recovery queue); the extra copies cost bandwidth, not correctness.</li>
 * </ul>
 * Seqs held by nobody in the transitional set stay missing: they are the holes that
 * {@link EvsDelivery} skips.
 *
 * @param transitional          the transitional set, sorted
 * @param retransmissionNeeded  whether any transitional member lacks old-ring messages
 * @param lowestTransitionalAru the lowest aru among the transitional members' entries
 * @param toReoriginate         the messages this node re-originates, ascending by old seq;
 *                              empty when no retransmission is needed
 */
@PureCore
public record RecoveryPlan(List<Integer> transitional, boolean retransmissionNeeded, long lowestTransitionalAru,
                           List<RecoveredMessage> toReoriginate) {

    /** Copies the lists. */
    public RecoveryPlan {
        transitional = List.copyOf(transitional);
        toReoriginate = List.copyOf(toReoriginate);
    }

    /**
     * The plan of the node whose old-ring state is {@code mine}, for the new ring of
     * {@code token}.
     *
     * @throws IllegalArgumentException if rotation 1 is not complete, this node is not a new
     *                                  member, or its entry names another old ring
     */
    public static RecoveryPlan compute(OldRingState mine, CommitToken token) {
        RingId oldRingId = mine.ring().ringId();
        List<MemberEntry> transitionalEntries = transitionalEntries(mine, token);
        boolean needed = transitionalEntries.stream().anyMatch(e -> !e.receivedFlag());
        long lowestAru = transitionalEntries.stream().mapToLong(MemberEntry::aru).min().orElseThrow();
        List<RecoveredMessage> resend = !needed || lowestAru >= mine.highSeq() ? List.of()
                : mine.held().subMap(lowestAru, false, mine.highSeq(), true).values().stream()
                        .map(RecoveredMessage::new).toList();
        return new RecoveryPlan(token.transitionalSet(oldRingId), needed, lowestAru, resend);
    }

    /**
     * The entries of the transitional members (this node's old ring), after checking the token
     * is complete and this node's own entry is of that ring. Shared with {@link EvsDelivery}.
     */
    static List<MemberEntry> transitionalEntries(OldRingState mine, CommitToken token) {
        RingId oldRingId = mine.ring().ringId();
        int myIndex = token.members().indexOf(mine.myNodeId());
        if (!token.allEntriesFilled() || myIndex < 0 || !token.entries().get(myIndex).oldRingId().equals(oldRingId)) {
            throw new IllegalArgumentException("commit token " + token + " is incomplete or has no entry of node "
                    + mine.myNodeId() + " for old ring " + oldRingId);
        }
        return token.entries().stream().filter(e -> e.oldRingId().equals(oldRingId)).toList();
    }
}
