package io.ringsync.cpg;

import java.util.List;

/**
 * A change of a group's membership (Corosync's {@code cpg_confchg_fn}): the members after the
 * change, and who left and who joined, each with its {@link CpgReason}. Every node that knew the
 * group the same way before sees the same change at the same point of the total order. Lists are
 * sorted by node id, then pid.
 *
 * @param group   the group
 * @param members the members after the change
 * @param left    the processes that left, with why
 * @param joined  the processes that joined, with why
 */
public record CpgConfChg(String group, List<CpgMember> members, List<CpgAddress> left, List<CpgAddress> joined)
        implements CpgEvent {

    /** Copies the lists. */
    public CpgConfChg {
        members = List.copyOf(members);
        left = List.copyOf(left);
        joined = List.copyOf(joined);
    }
}
