/**
 * Totem SRP (Totem TOCS 1995; Corosync's {@code totemsrp.c}) as pure cores. Today: the
 * OPERATIONAL-state ordering of a fixed ring. {@link io.ringsync.protocol.totem.OrderingCore}
 * handles the regular token (flow control, retransmit requests, origination, aru) and
 * {@link io.ringsync.protocol.totem.ReceiveWindow} holds messages by seq and decides agreed
 * and safe delivery and freeing. Membership (gather, commit, recovery), token-loss and
 * token-retransmit timers and the token hold are not here yet; the ring is a
 * {@link io.ringsync.protocol.totem.RingConfiguration} given at construction so a membership
 * core can install a new one.
 */
package io.ringsync.protocol.totem;
