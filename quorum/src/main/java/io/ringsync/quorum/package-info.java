/**
 * votequorum for ringsync: votes, expected votes and Corosync's quorum flags, computed by a
 * pure calculator and replicated over Totem. Filled in by the votequorum issue; this module
 * exists now so the reactor has its final shape.
 */
package io.ringsync.quorum;
