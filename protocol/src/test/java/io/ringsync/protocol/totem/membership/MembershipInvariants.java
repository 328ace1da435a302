package io.ringsync.protocol.totem.membership;

import java.util.List;

/** STYLE.md rule 15: the membership invariants, checked after every step in tests and simulation. */
final class MembershipInvariants {

    private MembershipInvariants() {
    }

    /** Throws if {@code core} breaks one: sets sorted and unique, me in proc and not failed, failed ⊆ proc. */
    static void check(MembershipCore core) {
        int me = core.myNodeId();
        List<Integer> proc = core.procList();
        List<Integer> failed = core.failedList();
        require(NodeSets.isSortedUnique(proc) && NodeSets.isSortedUnique(failed), "sets sorted, unique", core);
        require(proc.contains(me), "I am in proc_list", core);
        require(!failed.contains(me), "I am not in my failed list", core);
        require(proc.containsAll(failed), "failed is a subset of proc", core);
        require(core.ring().contains(me), "I am a member of my ring", core);
        require(core.consensusList().contains(me) || core.state() == MembershipState.OPERATIONAL,
                "I agree with myself while gathering", core);
    }

    private static void require(boolean holds, String invariant, MembershipCore core) {
        if (!holds) {
            throw new AssertionError("invariant '" + invariant + "' broken at node " + core.myNodeId() + ": state="
                    + core.state() + " proc=" + core.procList() + " failed=" + core.failedList()
                    + " ring=" + core.ring());
        }
    }
}
