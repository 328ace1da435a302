/**
 * Fault injection for test clusters ({@code transport.fault_injection}, off by default): the
 * {@link io.ringsync.protocol.transport.fault.FaultPlan} a node's transport follows (network
 * cuts to and from chosen peers, random loss, duplication and reordering of inbound frames), the
 * {@link io.ringsync.protocol.transport.fault.FaultChange}s that tests and {@code ringsync fault}
 * make to it, and the pure {@link io.ringsync.protocol.transport.fault.FaultFilter} that decides
 * each frame's fate.
 */
package io.ringsync.protocol.transport.fault;
