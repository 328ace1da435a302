package io.ringsync.protocol.transport.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a node's fault filter does to its traffic, as a value: the peers this node's frames no
 * longer reach ({@code cutTo}), the peers whose frames this node no longer hears
 * ({@code cutFrom}), and the shares of the other inbound frames that are lost, duplicated or
 * held back behind the next frame (reordered), drawn from a random source seeded with
 * {@code seed}. A symmetric partition from a node set S is {@code cutTo = cutFrom = S} on this
 * node; an asymmetric cut in which A hears B but B does not hear A is {@code cutTo = {B}} on A
 * (or {@code cutFrom = {A}} on B). The JGroups protocols DISCARD and SHUFFLE do the same to a
 * stack under test.
 *
 * @param cutTo          peers whose outbound frames are dropped (sorted, unmodifiable)
 * @param cutFrom        peers whose inbound frames are dropped (sorted, unmodifiable)
 * @param dropShare      share of the other inbound frames that are lost, 0..1
 * @param duplicateShare share of the other inbound frames delivered twice, 0..1
 * @param reorderShare   share of the other inbound frames held back behind the next one, 0..1
 * @param seed           seed of the random draws; the same seed and the same frames give the same faults
 */
public record FaultPlan(Set<Integer> cutTo, Set<Integer> cutFrom, double dropShare, double duplicateShare,
                        double reorderShare, long seed) {

    /** No fault: every frame goes through. */
    public static final FaultPlan NONE = new FaultPlan(Set.of(), Set.of(), 0, 0, 0, 0);

    /**
     * Copies the sets (sorted) and checks the shares.
     *
     * @throws IllegalArgumentException a share outside 0..1, or shares that add up to more than 1
     *     (each inbound frame gets one draw, so at most one of the three faults)
     */
    public FaultPlan {
        cutTo = Collections.unmodifiableSet(new TreeSet<>(cutTo));
        cutFrom = Collections.unmodifiableSet(new TreeSet<>(cutFrom));
        checkShare("drop", dropShare);
        checkShare("duplicate", duplicateShare);
        checkShare("reorder", reorderShare);
        if (dropShare + duplicateShare + reorderShare > 1 + 1e-9) {
            throw new IllegalArgumentException("drop, duplicate and reorder shares add up to more than 1: "
                    + dropShare + " + " + duplicateShare + " + " + reorderShare);
        }
    }

    private static void checkShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " share must be between 0 and 1, got " + share);
        }
    }

    /** True if some inbound frames are lost, duplicated or reordered at random. */
    public boolean disturbs() {
        return dropShare > 0 || duplicateShare > 0 || reorderShare > 0;
    }

    /** True if this plan does nothing. */
    public boolean none() {
        return cutTo.isEmpty() && cutFrom.isEmpty() && !disturbs();
    }

    /** This plan with {@code to} and {@code from} added to the cuts. */
    FaultPlan withCuts(Set<Integer> to, Set<Integer> from) {
        Set<Integer> allTo = new TreeSet<>(cutTo);
        allTo.addAll(to);
        Set<Integer> allFrom = new TreeSet<>(cutFrom);
        allFrom.addAll(from);
        return new FaultPlan(allTo, allFrom, dropShare, duplicateShare, reorderShare, seed);
    }

    /** This plan's cuts with other random shares and seed. */
    FaultPlan withShares(double drop, double duplicate, double reorder, long newSeed) {
        return new FaultPlan(cutTo, cutFrom, drop, duplicate, reorder, newSeed);
    }

    /**
     * One line for logs and tools: the cuts and the random shares in force, e.g.
     * {@code cut to [4, 5], from [4, 5]; drop 5%, duplicate 0%, reorder 0% (seed 7)}, or
     * {@code no fault}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!cutTo.isEmpty() || !cutFrom.isEmpty()) {
            parts.add("cut to " + cutTo + ", from " + cutFrom);
        }
        if (disturbs()) {
            parts.add("drop " + percent(dropShare) + ", duplicate " + percent(duplicateShare) + ", reorder "
                    + percent(reorderShare) + " (seed " + seed + ")");
        }
        return parts.isEmpty() ? "no fault" : String.join("; ", parts);
    }

    /** {@code 0.05} as {@code 5%}, {@code 0.125} as {@code 12.5%} (two decimals at most). */
    static String percent(double share) {
        String digits = String.format(Locale.ROOT, "%.2f", share * 100);
        return digits.replaceAll("\\.?0+$", "") + "%";
    }
}
