package io.ringsync.quorum;

import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link QuorumDevice} living in the JVM, shared by the nodes that use it (tests, or an
 * embedded cluster): it casts its votes for the partition holding its favoured node, the way
 * corosync-qnetd's tie-breaker settles an even split. The favoured node can be changed, as an
 * operator moves the arbiter's preference.
 */
public final class InProcessArbiter implements QuorumDevice {

    private final String name;
    private final int votes;
    private volatile int favouredNode;

    /** An arbiter named {@code name} casting {@code votes} for the partition holding {@code favouredNode}. */
    public InProcessArbiter(String name, int votes, int favouredNode) {
        this.name = name;
        this.votes = votes;
        this.favouredNode = favouredNode;
    }

    /** From now on the arbiter favours the partition holding {@code nodeId}. */
    public void favour(int nodeId) {
        favouredNode = nodeId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int votes() {
        return votes;
    }

    @Override
    public CompletionStage<Boolean> castVote(int localNodeId, RingId ring, List<Integer> members) {
        return CompletableFuture.completedFuture(members.contains(favouredNode));
    }
}
