package io.ringsync.cpg;

/**
 * Whether a node's CPG currently holds senders back (Corosync's {@code cpg_flow_control_state_t}).
 * Corosync 2 and 3 always answer DISABLED; ringsync answers what a multicast would meet now, as
 * {@link io.ringsync.cpg.core.CpgCore#flowControl()} describes. It is advice: a multicast's own
 * answer (TRY_AGAIN) is what counts.
 */
public enum CpgFlowControl {
    /** A multicast would be taken now. */
    DISABLED,
    /** A multicast would get TRY_AGAIN now: no synced ring, or Totem's queue is full. */
    ENABLED
}
