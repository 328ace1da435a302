package io.ringsync.protocol.totem.membership;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Node-id set helpers shared by the membership value types: sorted, unique, non-zero lists. */
final class NodeSets {

    private NodeSets() {
    }

    /** {@code nodes} sorted and without duplicates, as an immutable list; rejects node id 0. */
    static List<Integer> sorted(Collection<Integer> nodes) {
        TreeSet<Integer> set = new TreeSet<>(nodes);
        if (set.contains(0)) {
            throw new IllegalArgumentException("node id 0 means nobody: " + nodes);
        }
        return List.copyOf(set);
    }

    /** Whether {@code list} is strictly increasing (sorted, unique). */
    static boolean isSortedUnique(List<Integer> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1) >= list.get(i)) {
                return false;
            }
        }
        return true;
    }
}
