/**
 * Totem SRP's membership protocol (Totem TOCS 1995 section 4; Corosync's {@code totemsrp.c}
 * {@code memb_*}; corosync.md section 1 "Membership") as a pure core.
 * {@link io.ringsync.protocol.totem.membership.MembershipCore} runs the GATHER and COMMIT
 * states and the entry into RECOVERY: joins, consensus, the two commit-token rotations, and
 * hands the new ring and its transitional set to the recovery/ordering layer. The recovery
 * protocol itself (re-originating old-ring messages, install_seq) and EVS delivery on
 * entering OPERATIONAL are not here; that layer reports completion with
 * {@link io.ringsync.protocol.totem.membership.MembershipCore#recoveryComplete(long)}.
 */
package io.ringsync.protocol.totem.membership;
