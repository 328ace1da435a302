package io.ringsync.protocol.transport.fault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a node's fault filter: the plan in force and what the filter did so far.
 *
 * @param plan        the faults in force
 * @param cutOutbound frames to a cut peer that were dropped before they left
 * @param cutInbound  frames from a cut peer that were dropped on arrival
 * @param lost        inbound frames lost at random
 * @param duplicated  inbound frames delivered twice
 * @param reordered   inbound frames held back and delivered after a later frame
 * @param delayed     inbound frames held back for reordering that no later frame overtook within
 *                    {@link FaultFilter#MAX_HOLD_NS}, delivered late but in order
 */
public record FaultStatus(FaultPlan plan, long cutOutbound, long cutInbound, long lost, long duplicated,
                          long reordered, long delayed) {

    /** The counters under stable names ({@code cut_outbound}, {@code cut_inbound}, {@code lost}, ...). */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("cut_outbound", cutOutbound);
        counters.put("cut_inbound", cutInbound);
        counters.put("lost", lost);
        counters.put("duplicated", duplicated);
        counters.put("reordered", reordered);
        counters.put("delayed", delayed);
        return counters;
    }

    /** One line: the plan, then the counters. */
    public String describe() {
        return plan.describe() + "; dropped " + cutOutbound + " outbound and " + cutInbound + " inbound at cuts, lost "
                + lost + ", duplicated " + duplicated + ", reordered " + reordered + ", delayed " + delayed;
    }
}
