package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The replicated part of CPG: every group and its members (Corosync's process_info list). Every
 * node applies the same joins and leaves in the same order, so every node that started from the
 * same registry holds the same one. Groups iterate by name, members by node id then pid, so that
 * the changes a sync round derives from it come out in one order everywhere. A group exists while
 * it has a member.
 */
@PureCore
public final class CpgRegistry {

    private final TreeMap<String, TreeSet<CpgMember>> groups = new TreeMap<>();

    /** True when {@code member} belongs to {@code group}. */
    public boolean contains(String group, CpgMember member) {
        Set<CpgMember> members = groups.get(group);
        return members != null && members.contains(member);
    }

    /** The members of {@code group}, sorted; empty when it does not exist. */
    public List<CpgMember> members(String group) {
        return List.copyOf(groups.getOrDefault(group, new TreeSet<>()));
    }

    /** Every group with its members, by name. */
    public List<CpgGroupMembers> groups() {
        List<CpgGroupMembers> all = new ArrayList<>();
        groups.forEach((name, members) -> all.add(new CpgGroupMembers(name, List.copyOf(members))));
        return all;
    }

    /** The names of the groups, sorted. */
    public SortedSet<String> groupNames() {
        return new TreeSet<>(groups.keySet());
    }

    /** The members of {@code group} that {@code which} selects, sorted. */
    public List<CpgMember> select(String group, Predicate<CpgMember> which) {
        return groups.getOrDefault(group, new TreeSet<>()).stream().filter(which).toList();
    }

    /**
     * Adds those of {@code joining} not in {@code group} yet; the change, or empty when every one
     * was a member already (a duplicate join is no change).
     */
    public Optional<CpgConfChg> join(String group, Collection<CpgMember> joining, CpgReason reason) {
        TreeSet<CpgMember> members = groups.computeIfAbsent(group, name -> new TreeSet<>());
        List<CpgAddress> joined = new TreeSet<>(joining).stream().filter(members::add)
                .map(member -> new CpgAddress(member, reason)).toList();
        if (members.isEmpty()) {
            groups.remove(group);
        }
        return joined.isEmpty() ? Optional.empty()
                : Optional.of(new CpgConfChg(group, List.copyOf(members), List.of(), joined));
    }

    /** Removes those of {@code leaving} that are members; the change, or empty when none was one. */
    public Optional<CpgConfChg> leave(String group, Collection<CpgMember> leaving, CpgReason reason) {
        TreeSet<CpgMember> members = groups.get(group);
        if (members == null) {
            return Optional.empty();
        }
        List<CpgAddress> left = new TreeSet<>(leaving).stream().filter(members::remove)
                .map(member -> new CpgAddress(member, reason)).toList();
        if (members.isEmpty()) {
            groups.remove(group);
        }
        return left.isEmpty() ? Optional.empty()
                : Optional.of(new CpgConfChg(group, List.copyOf(members), left, List.of()));
    }
}
