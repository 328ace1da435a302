package io.ringsync.protocol.totem;

/**
 * A Totem SRP message as the core sends and receives it, decoded from or encoded to its wire
 * frame at the edge (STYLE.md rule 6): the regular token ({@link RegularToken}), a multicast
 * ({@link OrderedMessage}), a join, a commit token, a merge detect (in
 * {@code totem.membership}) and a {@link TokenHoldCancel}.
 */
public interface TotemMessage {
}
