package io.ringsync.cpg;

import java.util.List;

/**
 * A group and its members, as iteration over all groups returns it (Corosync's
 * {@code cpg_iteration_next} items, by group). Members are sorted by node id, then pid.
 *
 * @param group   the group
 * @param members its members, never empty (a group without members does not exist)
 */
public record CpgGroupMembers(String group, List<CpgMember> members) {

    /** Copies the list. */
    public CpgGroupMembers {
        members = List.copyOf(members);
    }
}
