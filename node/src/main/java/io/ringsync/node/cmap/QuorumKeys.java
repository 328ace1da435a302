package io.ringsync.node.cmap;

import io.ringsync.config.QuorumSettings;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.quorum.QuorumStatus;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code runtime.votequorum.*} (pure): Corosync's keys where votequorum keeps the same fact
 * ({@code this_node_id}, {@code two_node}, {@code wait_for_all_status}, {@code atb_type},
 * {@code lowest_node_id}, {@code highest_node_id}), and the status quorumtool shows
 * ({@code quorate}, {@code expected_votes}, {@code total_votes}, {@code quorum}, {@code ring_id},
 * and {@code <id>.votes} per member). Updated on each status the quorum service publishes.
 */
public final class QuorumKeys {

    /** The prefix of every key this class makes. */
    public static final String PREFIX = "runtime.votequorum.";

    private QuorumKeys() {
    }

    /** The keys of {@code status} in a node configured with {@code settings}. */
    public static Map<String, CmapValue> of(QuorumStatus status, QuorumSettings settings) {
        KeyMap k = KeyMap.under(PREFIX).u32("this_node_id", status.localNodeId()).flag("two_node", settings.twoNode())
                .flag("wait_for_all_status", status.waitingForAll()).flag("quorate", status.quorate())
                .u32("expected_votes", status.expectedVotes()).u32("highest_expected", status.highestExpected())
                .u32("total_votes", status.totalVotes()).u32("quorum", status.quorum())
                .u32("device_votes", status.deviceVotes())
                .str("ring_id", status.ringId().map(RingId::toString).orElse(""));
        if (settings.autoTieBreaker()) {
            k.str("atb_type", settings.autoTieBreakerNode());
        }
        OptionalInt lowest = status.members().stream().mapToInt(QuorumStatus.Member::nodeId).min();
        OptionalInt highest = status.members().stream().mapToInt(QuorumStatus.Member::nodeId).max();
        lowest.ifPresent(id -> k.u32("lowest_node_id", id));
        highest.ifPresent(id -> k.u32("highest_node_id", id));
        for (QuorumStatus.Member member : status.members()) {
            k.at("members." + member.nodeId() + ".").u32("votes", member.votes()).u32("expected", member.expected());
        }
        return k.keys();
    }
}
