package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgTotemConfChg;
import java.util.Arrays;
import java.util.List;

/** Short names for the expected events of the CPG scenario tables. */
final class CpgScenarios {

    static final String G = "g";
    static final CpgMember A = new CpgMember(1, 10);
    static final CpgMember B = new CpgMember(2, 20);
    static final CpgMember C = new CpgMember(3, 30);

    private CpgScenarios() {
    }

    static List<CpgMember> members(CpgMember... members) {
        return List.of(members);
    }

    static CpgAddress at(CpgMember member, CpgReason reason) {
        return new CpgAddress(member, reason);
    }

    static CpgConfChg joined(String group, List<CpgMember> members, CpgAddress... joined) {
        return new CpgConfChg(group, members, List.of(), Arrays.asList(joined));
    }

    static CpgConfChg left(String group, List<CpgMember> members, CpgAddress... left) {
        return new CpgConfChg(group, members, Arrays.asList(left), List.of());
    }

    /** The events after the last totem configuration callback in {@code events} (all if none). */
    static List<CpgEvent> afterLastTotem(List<CpgEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof CpgTotemConfChg) {
                return events.subList(i + 1, events.size());
            }
        }
        return events;
    }

    /**
     * Three nodes in one ring, and A (1/10), B (2/20) and C (3/30) joined to group {@link #G} in
     * that order, every notification so far forgotten.
     */
    static CpgRing threeMembers() {
        CpgRing ring = new CpgRing(1, 2, 3);
        ring.form(List.of(1, 2, 3));
        ring.settle();
        for (CpgMember member : List.of(A, B, C)) {
            ring.join(member.nodeId(), G, member.pid());
            ring.settle();
        }
        ring.clearReceived();
        return ring;
    }
}
