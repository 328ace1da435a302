package io.ringsync.protocol.transport.fault;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change to a node's {@link FaultPlan}, as a test or the {@code ringsync fault} tool asks it:
 * {@link Cut} more peers, {@link Heal} everything, or {@link Disturb} the inbound frames at
 * random. {@link #check} names what is wrong with a change before it is applied.
 */
public sealed interface FaultChange permits FaultChange.Cut, FaultChange.Heal, FaultChange.Disturb {

    /** The plan after this change. */
    FaultPlan applyTo(FaultPlan plan);

    /**
     * Why this change cannot apply on node {@code self} whose peers are {@code peers}, or empty
     * when it can: a cut must name at least one node, only peers of the nodelist, never the node
     * itself.
     */
    Optional<String> check(int self, Set<Integer> peers);

    /**
     * Stop sending to the peers {@code to} and stop hearing the peers {@code from}, in addition
     * to the cuts already in place. {@code to = from} is a symmetric partition from those peers.
     */
    record Cut(Set<Integer> to, Set<Integer> from) implements FaultChange {

        /** Copies the sets (sorted). */
        public Cut {
            to = Collections.unmodifiableSet(new TreeSet<>(to));
            from = Collections.unmodifiableSet(new TreeSet<>(from));
        }

        /** Both directions between this node and {@code peers}. */
        public static Cut both(Set<Integer> peers) {
            return new Cut(peers, peers);
        }

        @Override
        public FaultPlan applyTo(FaultPlan plan) {
            return plan.withCuts(to, from);
        }

        @Override
        public Optional<String> check(int self, Set<Integer> peers) {
            if (to.isEmpty() && from.isEmpty()) {
                return Optional.of("a cut names at least one node to cut to or from");
            }
            Set<Integer> named = new TreeSet<>(to);
            named.addAll(from);
            if (named.contains(self)) {
                return Optional.of("node " + self + " cannot be cut from itself");
            }
            Set<Integer> unknown = new TreeSet<>(named);
            unknown.removeAll(peers);
            return unknown.isEmpty() ? Optional.empty()
                    : Optional.of("no such peer in the nodelist: " + unknown + " (peers: " + new TreeSet<>(peers) + ")");
        }
    }

    /** The network is whole again: no cut, no random fault. */
    enum Heal implements FaultChange {
        /** The one instance. */
        INSTANCE;

        @Override
        public FaultPlan applyTo(FaultPlan plan) {
            return FaultPlan.NONE;
        }

        @Override
        public Optional<String> check(int self, Set<Integer> peers) {
            return Optional.empty();
        }
    }

    /**
     * From now on, lose, duplicate or reorder these shares of the inbound frames (replacing the
     * shares in place; all zero stops them), drawing from a source seeded with {@code seed}. The
     * cuts stay as they are.
     */
    record Disturb(double drop, double duplicate, double reorder, long seed) implements FaultChange {

        @Override
        public FaultPlan applyTo(FaultPlan plan) {
            return plan.withShares(drop, duplicate, reorder, seed);
        }

        @Override
        public Optional<String> check(int self, Set<Integer> peers) {
            try {
                FaultPlan.NONE.withShares(drop, duplicate, reorder, seed);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
    }
}
