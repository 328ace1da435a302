package io.ringsync.node.cmap;

import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code runtime.members.<id>.*}, as Corosync keeps them (pure): for every node this node has had
 * in a regular configuration, {@code ip} ({@code "r(0) ip(10.0.0.1) r(1) ip(10.0.1.1) "}, from the
 * nodelist), {@code status} ({@code joined} while it is a member, {@code left} after) and
 * {@code join_count} (u32: the regular configurations it entered; a node that leaves and comes
 * back counts 2). Fed each REGULAR configuration's members; the membership difference with the
 * previous one says who joined and who left, so a restarted Totem's lone ring counts as a leave
 * of every peer, as it is.
 */
public final class MemberKeys {

    /** The prefix of every key this class keeps. */
    public static final String PREFIX = "runtime.members.";

    private final Map<Integer, String> addresses = new HashMap<>();
    private final Map<Integer, Long> joinCounts = new HashMap<>();
    private final TreeSet<Integer> members = new TreeSet<>();
    private final TreeSet<Integer> known = new TreeSet<>();

    /** Keys of the nodes of {@code settings}' nodelist. */
    public MemberKeys(RingsyncSettings settings) {
        nodelist(settings);
    }

    /**
     * The nodelist is {@code settings}' from now on (a reload): addresses follow it, and a node no
     * longer listed and not a member is forgotten (its keys go). The keys now.
     */
    public Map<String, CmapValue> nodelist(RingsyncSettings settings) {
        addresses.clear();
        for (NodeEntry node : settings.nodelist()) {
            addresses.put(node.nodeId(), ip(node.links()));
        }
        known.removeIf(id -> !addresses.containsKey(id) && !members.contains(id));
        return keys();
    }

    /** {@code "r(0) ip(host) r(1) ip(host) "}, cfgtool's and cmap's way of writing a node's links. */
    static String ip(List<LinkAddress> links) {
        StringBuilder text = new StringBuilder();
        for (int link = 0; link < links.size(); link++) {
            text.append("r(").append(link).append(") ip(").append(links.get(link).host()).append(") ");
        }
        return text.toString();
    }

    /** A regular configuration of {@code regularMembers}: the keys of every node known so far. */
    public Map<String, CmapValue> regular(List<Integer> regularMembers) {
        for (int id : regularMembers) {
            if (!members.contains(id)) {
                joinCounts.merge(id, 1L, Long::sum);
            }
        }
        members.clear();
        members.addAll(regularMembers);
        known.addAll(regularMembers);
        return keys();
    }

    /** The keys now. */
    public Map<String, CmapValue> keys() {
        KeyMap k = KeyMap.under(PREFIX);
        for (int id : known) {
            k.at(id + ".").str("ip", Optional.ofNullable(addresses.get(id)).orElse(""))
                    .str("status", members.contains(id) ? "joined" : "left")
                    .u32("join_count", joinCounts.getOrDefault(id, 0L));
        }
        return k.keys();
    }
}
