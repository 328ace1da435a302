/**
 * Totem SRP (Totem TOCS 1995; Corosync's {@code totemsrp.c}): pure cores and their driver.
 * {@link io.ringsync.protocol.totem.OrderingCore} orders one installed ring (regular token, flow
 * control, retransmit requests, origination, aru) over a
 * {@link io.ringsync.protocol.totem.ReceiveWindow} (messages by seq, agreed and safe delivery,
 * freeing); membership, recovery and the whole node's state machine live in the subpackages
 * {@code membership}, {@code recovery} and {@code srp}
 * ({@link io.ringsync.protocol.totem.srp.SrpCore}). {@link io.ringsync.protocol.totem.TotemActor}
 * drives one {@code SrpCore} over the Aeron transport (wire mapping in
 * {@link io.ringsync.protocol.totem.TotemFrames} and
 * {@link io.ringsync.protocol.totem.MembershipFrames}, the ring seq persisted by
 * {@link io.ringsync.protocol.totem.RingSeqStore}) and publishes deliveries and configuration
 * changes to its subscribers.
 */
package io.ringsync.protocol.totem;
