package io.ringsync.cpg;

/**
 * One local process's membership of one group: the key by which a node's CPG knows its own
 * clients (Corosync allows one join of a group per pid on a node). Events for the process are
 * addressed to it, and leave, mcast and context requests name it.
 *
 * @param group the group's name
 * @param pid   the process id on this node
 */
public record CpgHandle(String group, long pid) {

    /** Checks the name (see {@link CpgLimits#checkGroupName}) and that the pid is not negative. */
    public CpgHandle {
        CpgLimits.checkGroupName(group);
        if (pid < 0) {
            throw new IllegalArgumentException("negative pid " + pid);
        }
    }

    @Override
    public String toString() {
        return "\"" + group + "\"/" + pid;
    }
}
