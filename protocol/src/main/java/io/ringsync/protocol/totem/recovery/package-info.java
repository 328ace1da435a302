/**
 * Totem SRP's RECOVERY state and the Extended Virtual Synchrony delivery on entering
 * OPERATIONAL (Totem TOCS 1995, recovery; Moser, Amir, Melliar-Smith, Agarwal, "Extended
 * Virtual Synchrony", ICDCS 1994; corosync.md section 1 "RECOVERY" and "Entering OPERATIONAL"
 * steps 1 to 4), as pure functions over values:
 * <ul>
 * <li>{@link io.ringsync.protocol.totem.recovery.OldRingState}: what a node holds of the ring it
 *     was OPERATIONAL in, and the receiver side of recovery (storing re-originated messages by
 *     old seq, without duplicates);</li>
 * <li>{@link io.ringsync.protocol.totem.recovery.RecoveryPlan}: from the completed commit token,
 *     the transitional set, whether recovery retransmission is needed and the old-ring messages
 *     this node re-originates on the new ring, each as a
 *     {@link io.ringsync.protocol.totem.recovery.RecoveredMessage};</li>
 * <li>{@link io.ringsync.protocol.totem.recovery.EvsDelivery}: the delivery sequence
 *     ({@link io.ringsync.protocol.totem.recovery.EvsEvent}) on entering OPERATIONAL.</li>
 * </ul>
 * Not here yet: the recovery token rotations ({@code retrans_flg}, {@code install_seq}), the
 * new-ring transport of recovered messages, and the wiring into the ordering and membership
 * cores and the actor.
 */
package io.ringsync.protocol.totem.recovery;
