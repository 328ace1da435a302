package io.ringsync.cpg;

import io.ringsync.protocol.totem.RingId;
import java.util.Optional;

/**
 * One node's CPG counters.
 *
 * @param nodeId          this node
 * @param ringId          the ring of the last regular configuration, empty before the first
 * @param syncing         true while a sync round runs (requests get TRY_AGAIN)
 * @param groups          groups known to the cluster
 * @param localProcesses  this node's memberships (joining, joined or leaving)
 * @param droppedMcasts   multicasts dropped because their sender was not a member
 * @param ignored         undecodable CPG messages skipped
 * @param refusedByTotem  multicasts Totem refused or did not answer in time
 */
public record CpgStatus(int nodeId, Optional<RingId> ringId, boolean syncing, int groups, int localProcesses,
                        long droppedMcasts, long ignored, long refusedByTotem) {
}
