package io.ringsync.cpg;

import java.util.Comparator;

/**
 * One process of a closed process group: the node it runs on and its process id there (Corosync's
 * {nodeid, pid}). Members sort by node id, then pid, as Corosync keeps its process table.
 *
 * @param nodeId the node's id, non-zero
 * @param pid    the process id on that node, not negative (embedded clients choose theirs)
 */
public record CpgMember(int nodeId, long pid) implements Comparable<CpgMember> {

    private static final Comparator<CpgMember> ORDER =
            Comparator.comparingInt(CpgMember::nodeId).thenComparingLong(CpgMember::pid);

    /** Checks the node id is non-zero and the pid not negative. */
    public CpgMember {
        if (nodeId == 0 || pid < 0) {
            throw new IllegalArgumentException("bad CPG member " + nodeId + "/" + pid);
        }
    }

    @Override
    public int compareTo(CpgMember other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return nodeId + "/" + pid;
    }
}
