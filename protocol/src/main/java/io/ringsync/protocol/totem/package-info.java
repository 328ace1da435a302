/**
 * Totem SRP (Totem TOCS 1995; Corosync's {@code totemsrp.c}) as pure cores. Today: the
 * OPERATIONAL-state ordering of a fixed ring. {@link io.ringsync.protocol.totem.OrderingCore}
 * handles the regular token (flow control, retransmit requests, origination, aru) and
 * {@link io.ringsync.protocol.totem.ReceiveWindow} holds messages by seq and decides agreed
 * and safe delivery and freeing. {@link io.ringsync.protocol.totem.TotemActor} drives it over
 * the Aeron transport for a fixed ring of the whole nodelist (wire mapping in
 * {@link io.ringsync.protocol.totem.TotemFrames}, a simplified idle-ring hold in
 * {@link io.ringsync.protocol.totem.TokenHold}). Membership (gather, commit, recovery), token-loss and
 * token-retransmit handling and {@code token_hold_cancel} are not here yet; the ring is a
 * {@link io.ringsync.protocol.totem.RingConfiguration} given at construction so a membership
 * core can install a new one.
 */
package io.ringsync.protocol.totem;
