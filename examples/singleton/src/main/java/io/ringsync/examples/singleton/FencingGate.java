package io.ringsync.examples.singleton;

import java.util.Optional;

/**
 * The resource side of fencing: remembers the highest {@link FencingToken} it has seen and admits
 * an action only with a token at least as high, so that once a newer holder has acted (or an
 * election the gate heard of has made one), an older holder's actions are refused. Pure; one per
 * resource.
 */
public final class FencingGate {

    private FencingToken highest;

    /** Raises the floor to {@code token} without an action: an election this resource learnt of. */
    public void observe(FencingToken token) {
        if (highest == null || highest.olderThan(token)) {
            highest = token;
        }
    }

    /** True, and the floor raised, when an action with {@code token} may proceed; false for a stale one. */
    public boolean admit(FencingToken token) {
        if (highest != null && token.olderThan(highest)) {
            return false;
        }
        highest = token;
        return true;
    }

    /** The highest token seen, if any. */
    public Optional<FencingToken> highest() {
        return Optional.ofNullable(highest);
    }
}
