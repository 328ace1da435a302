package io.ringsync.quorum;

import java.util.Collection;
import java.util.List;

/**
 * votequorum's auto_tie_breaker (votequorum(5)): which half of an exact 50/50 split stays
 * quorate. {@link Mode#LOWEST} (Corosync's default) and {@link Mode#HIGHEST} favour the half
 * holding the lowest or highest node id of the last quorate membership. {@link Mode#LIST} tries
 * the listed nodes in order: the first one present wins for its half, unless a node listed before
 * it was a member of the previous ring (that node may be alive in the other half, which then wins).
 *
 * @param mode  how the tie is broken
 * @param nodes the listed node ids, in order (only for {@link Mode#LIST})
 */
public record TieBreaker(Mode mode, List<Integer> nodes) {

    /** How the tie is broken. */
    public enum Mode {
        /** auto_tie_breaker off. */
        NONE,
        /** The half with the lowest node id of the last quorate membership wins. */
        LOWEST,
        /** The half with the highest node id of the last quorate membership wins. */
        HIGHEST,
        /** The listed nodes, tried in order. */
        LIST
    }

    /** auto_tie_breaker off. */
    public static final TieBreaker NONE = new TieBreaker(Mode.NONE, List.of());

    /** Copies the list; a list mode needs at least one node, the others none. */
    public TieBreaker {
        nodes = List.copyOf(nodes);
        if ((mode == Mode.LIST) == nodes.isEmpty()) {
            throw new IllegalArgumentException("tie-breaker " + mode + " with nodes " + nodes);
        }
    }

    /** The lowest-id tie-breaker. */
    public static TieBreaker lowest() {
        return new TieBreaker(Mode.LOWEST, List.of());
    }

    /** The highest-id tie-breaker. */
    public static TieBreaker highest() {
        return new TieBreaker(Mode.HIGHEST, List.of());
    }

    /** The listed tie-breakers, tried in order. */
    public static TieBreaker list(List<Integer> nodes) {
        return new TieBreaker(Mode.LIST, nodes);
    }

    /** True when auto_tie_breaker is on. */
    public boolean enabled() {
        return mode != Mode.NONE;
    }

    /**
     * Whether the half made of {@code members} wins the tie.
     *
     * @param previousMembers members of the previous ring (for a list)
     * @param lowest          lowest node id of the last quorate membership (0 when never quorate)
     * @param highest         highest node id of the last quorate membership (0 when never quorate)
     */
    public boolean wins(Collection<Integer> members, Collection<Integer> previousMembers, int lowest, int highest) {
        switch (mode) {
            case LOWEST:
                return members.contains(lowest);
            case HIGHEST:
                return members.contains(highest);
            case LIST:
                return listWins(members, previousMembers);
            default:
                return false;
        }
    }

    private boolean listWins(Collection<Integer> members, Collection<Integer> previousMembers) {
        for (int i = 0; i < nodes.size(); i++) {
            if (members.contains(nodes.get(i))) {
                for (int earlier : nodes.subList(0, i)) {
                    if (previousMembers.contains(earlier)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
