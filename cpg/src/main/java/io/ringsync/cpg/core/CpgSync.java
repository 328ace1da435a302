package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * CPG's sync round after a ring change (Corosync's cpg sync_init / process / activate): each
 * member multicasts its joinlist, the processes of its node with their groups; once every
 * member's has been delivered, the registry is reconciled in three steps, each one configuration
 * change per group, groups by name:
 * <ol>
 * <li>processes on nodes that did not come along through every transitional configuration since
 *     the last activation leave with NODEDOWN (a crashed, partitioned or restarted node);</li>
 * <li>joinlist entries the registry lacks join with NODEUP (a merging or starting node's processes,
 *     and processes whose join had not been delivered, see {@code LocalProcesses.joinList});</li>
 * <li>processes of a ring member that its joinlist does not list leave with PROCDOWN (they went
 *     away while their node could not tell the ring).</li>
 * </ol>
 * Corosync's DOWNLIST message is not needed: each node computes the downlist from its own
 * transitional configurations, which extended virtual synchrony makes the same on every node
 * that came from the same ring. Nodes from different rings reconcile from their own registries,
 * so each side of a merge sees the other side's processes join with NODEUP.
 */
@PureCore
final class CpgSync {

    /** Nodes present in every configuration since the last activation (those whose processes stay). */
    private final Set<Integer> carried = new HashSet<>();
    private final Map<Integer, Set<CpgHandle>> joinLists = new HashMap<>();
    private List<Integer> members = List.of();

    /** A transitional configuration: nodes not in {@code transMembers} did not come along. */
    void transitional(List<Integer> transMembers) {
        carried.retainAll(transMembers);
    }

    /** A round begins for a ring of {@code ringMembers}; joinlists of an earlier round are forgotten. */
    void begin(List<Integer> ringMembers) {
        members = List.copyOf(ringMembers);
        carried.retainAll(ringMembers);
        joinLists.clear();
    }

    /** Part of {@code sender}'s joinlist; ignored from a node outside the ring. */
    void joinList(int sender, List<CpgHandle> entries) {
        if (members.contains(sender)) {
            joinLists.computeIfAbsent(sender, node -> new HashSet<>()).addAll(entries);
        }
    }

    /** The round was cut short: its joinlists are forgotten (the next round collects them again). */
    void abort() {
        joinLists.clear();
    }

    /** Applies the round to {@code registry}; the changes in the order every node makes them. */
    List<CpgConfChg> activate(CpgRegistry registry) {
        List<CpgConfChg> changes = new ArrayList<>();
        for (String group : registry.groupNames()) {
            registry.leave(group, registry.select(group, m -> !carried.contains(m.nodeId())), CpgReason.NODEDOWN)
                    .ifPresent(changes::add);
        }
        joinedByGroup().forEach((group, joining) ->
                registry.join(group, joining, CpgReason.NODEUP).ifPresent(changes::add));
        for (String group : registry.groupNames()) {
            registry.leave(group, registry.select(group, m -> !listed(group, m)), CpgReason.PROCDOWN)
                    .ifPresent(changes::add);
        }
        carried.clear();
        carried.addAll(members);
        joinLists.clear();
        return changes;
    }

    private TreeMap<String, TreeSet<CpgMember>> joinedByGroup() {
        TreeMap<String, TreeSet<CpgMember>> byGroup = new TreeMap<>();
        joinLists.forEach((node, entries) -> entries.forEach(entry ->
                byGroup.computeIfAbsent(entry.group(), g -> new TreeSet<>()).add(new CpgMember(node, entry.pid()))));
        return byGroup;
    }

    private boolean listed(String group, CpgMember member) {
        return joinLists.getOrDefault(member.nodeId(), Set.of()).contains(new CpgHandle(group, member.pid()));
    }
}
