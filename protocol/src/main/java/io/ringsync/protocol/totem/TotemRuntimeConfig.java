package io.ringsync.protocol.totem;

import io.ringsync.config.TotemSettings;

/**
 * The Totem values a node runs with (cmap's {@code runtime.config.totem.*}): the timers and
 * constants, and the nodelist size that makes the effective token ({@code token + (n - 2) ×
 * token_coefficient} from 3 nodes). A reload's values wait for the next ring; {@code changePending}
 * says that some do.
 *
 * @param totem         the timers and constants in effect
 * @param nodeCount     the nodelist size they were computed for
 * @param changePending newer values wait for the next ring
 */
public record TotemRuntimeConfig(TotemSettings totem, int nodeCount, boolean changePending) {

    /** The effective token timeout. */
    public long effectiveTokenMs() {
        return totem.effectiveTokenMs(nodeCount);
    }

    /** This with {@code changePending} set. */
    TotemRuntimeConfig withPending(boolean pendingChange) {
        return new TotemRuntimeConfig(totem, nodeCount, pendingChange);
    }
}
