/**
 * Closed process groups over Totem: named groups, ordered multicast and configuration-change
 * callbacks. Filled in by the CPG issue; this module exists now so the reactor has its final
 * shape.
 */
package io.ringsync.cpg;
