package io.ringsync.node.jmx;

/**
 * The CPG service's state ({@code io.ringsync:type=Cpg,node=<id>}): what {@code cpg.status} answers,
 * read from the CPG service at each call.
 */
public interface CpgMXBean {

    /** The ring the service runs in ("" before the first). */
    String getRingId();

    /** Whether a sync round runs. */
    boolean isSyncing();

    /** Groups known cluster-wide. */
    int getGroups();

    /** Processes of this node in groups. */
    int getLocalProcesses();

    /** Multicasts dropped (sender not in the group). */
    long getDroppedMcasts();

    /** Messages ignored. */
    long getIgnored();

    /** Requests Totem refused. */
    long getRefusedByTotem();
}
