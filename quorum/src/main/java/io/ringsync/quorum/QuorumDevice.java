package io.ringsync.quorum;

import io.ringsync.protocol.totem.RingId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A quorum device (Corosync's qdevice): an arbiter outside the cluster that gives its votes to at
 * most one partition, so that a split of an even cluster, or a cluster reduced to a minority of
 * nodes, can stay quorate where the arbiter says. The node's quorum actor asks it after each ring
 * change; the answer travels to the members in the total order (in the node's info), and the
 * partition counts the device's votes once.
 */
public interface QuorumDevice {

    /** The device's name, as {@code corosync-quorumtool} shows it. */
    String name();

    /** The votes it casts (qdevice's default: number of nodes − 1). */
    int votes();

    /**
     * Whether the arbiter casts its votes for the partition of {@code localNodeId} made of
     * {@code members} in ring {@code ring}. May complete later; a failure counts as no.
     */
    CompletionStage<Boolean> castVote(int localNodeId, RingId ring, List<Integer> members);

    /**
     * How often the node asks again within one ring (qdevice's heartbeat: quorum.device.timeout),
     * so that a change of the arbiter's mind is seen without a ring change; empty (the default):
     * only after each ring change.
     */
    default Optional<Duration> pollInterval() {
        return Optional.empty();
    }
}
