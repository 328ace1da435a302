package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * The delivery sequence on entering OPERATIONAL after recovery (corosync.md section 1,
 * "Entering OPERATIONAL" steps 1 to 4; Totem TOCS 1995, recovery; Moser, Amir, Melliar-Smith,
 * Agarwal, "Extended Virtual Synchrony", ICDCS 1994). Input: the node's {@link OldRingState}
 * once every recovered message has been added ({@link OldRingState#withRecovered}) and the
 * commit token. Output, continuing after the node's old highDelivered:
 * <ol>
 * <li>in the old <b>regular</b> configuration: held old-ring messages in seq order, stopping at
 *     the first gap, or at the first SAFE message above the <i>safe bound</i> (below);</li>
 * <li>the <b>transitional</b> configuration: members = transitional set, left = old members
 *     &minus; transitional set;</li>
 * <li>in the transitional configuration: the remaining held messages in seq order, skipping
 *     holes; those before the first gap (only a SAFE stop leaves any) are all delivered, those
 *     after it only if their original sender is in the transitional set (a message after a hole
 *     from a departed sender may depend on what is in the hole, as the EVS paper argues for
 *     causal consistency);</li>
 * <li>the <b>regular</b> configuration of the new ring: joined = new members &minus;
 *     transitional set.</li>
 * </ol>
 *
 * <p><b>SAFE rule.</b> A SAFE message belongs to the old regular configuration only if every
 * old member received it. A node knows that from the token aru seen twice, but transitional
 * members may know it at different times, so the rule uses what the commit token shows all of
 * them: the <i>safe bound</i> = the highest {@code highDelivered} among the transitional
 * entries. A SAFE message at or below it was delivered (as safe) in the old configuration by
 * some transitional member, so the others deliver it there too; a SAFE message above it, and
 * everything after it, is delivered in the transitional configuration, where "safe" means
 * every transitional member holds it, which recovery has ensured (the EVS paper's weaker
 * safe delivery in a transitional configuration). Corosync has no SAFE, so for it the stop is
 * always the first gap and this rule changes nothing.
 *
 * <p><b>Guarantee</b> (EVS "virtual synchrony" for nodes moving together): after recovery every
 * transitional member holds the same old-ring seqs above its highDelivered, namely the union of
 * what they held; the first gap, the safe bound and the sender filter are the same for all. So
 * every transitional member's old-ring deliveries (before recovery plus this sequence) are the
 * same messages in the same order, with both configuration changes at the same point. The
 * seeded test {@code EvsRecoverySimulationTest} checks it.
 */
@PureCore
public final class EvsDelivery {

    private EvsDelivery() {
    }

    /**
     * The events, in order, for the node whose state (old-ring messages including recovered
     * ones) is {@code state}, entering the new ring of {@code token}.
     *
     * @throws IllegalArgumentException if the token is incomplete or lacks this node's entry
     *                                  for its old ring
     */
    public static List<EvsEvent> sequence(OldRingState state, CommitToken token) {
        List<MemberEntry> transitionalEntries = RecoveryPlan.transitionalEntries(state, token);
        long safeBound = transitionalEntries.stream().mapToLong(MemberEntry::highDelivered).max().orElseThrow();
        List<Integer> transitional = token.transitionalSet(state.ring().ringId());
        NavigableMap<Long, OrderedMessage> held = state.held();
        List<EvsEvent> events = new ArrayList<>();

        long delivered = state.highDelivered();
        for (OrderedMessage next = held.get(delivered + 1); next != null && deliverableInRegular(next, safeBound);
                next = held.get(delivered + 1)) {
            events.add(new EvsEvent.Deliver(next));
            delivered++;
        }
        long firstGap = delivered + 1;
        while (held.containsKey(firstGap)) {
            firstGap++;
        }

        events.add(new EvsEvent.TransitionalConfiguration(token.newRingId(), transitional,
                minus(state.ring().members(), transitional)));
        for (OrderedMessage message : held.tailMap(delivered, false).values()) {
            if (message.seq() < firstGap || transitional.contains(message.senderNodeId())) {
                events.add(new EvsEvent.Deliver(message));
            }
        }
        events.add(new EvsEvent.RegularConfiguration(token.newRingId(), token.members(),
                minus(token.members(), transitional)));
        return List.copyOf(events);
    }

    private static boolean deliverableInRegular(OrderedMessage message, long safeBound) {
        return message.delivery() == Delivery.AGREED || message.seq() <= safeBound;
    }

    private static List<Integer> minus(List<Integer> all, List<Integer> removed) {
        return all.stream().filter(id -> !removed.contains(id)).toList();
    }
}
