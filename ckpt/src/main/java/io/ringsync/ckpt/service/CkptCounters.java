package io.ringsync.ckpt.service;

/**
 * The checkpoint service's counters on one node (STYLE.md 10): what tests, the CLI and status read.
 * Mutable, owned by the replica and its node core; {@link #snapshot()} gives a value.
 */
public final class CkptCounters {

    long applied;
    long malformed;
    long syncsSent;
    long syncsCompleted;
    long syncDropped;
    long syncSuperseded;
    long sectionsExpired;
    long checkpointsRetired;
    long orphanOpensClosed;

    /**
     * The counters as a value.
     *
     * @param applied            ops applied in the total order
     * @param malformed          ops or sync records that did not decode (skipped)
     * @param syncsSent          sync rounds in which this node sent its replica
     * @param syncsCompleted     sync rounds activated
     * @param syncDropped        checkpoints a sync round could not keep (limits or malformed records)
     * @param syncSuperseded     checkpoints that lost their name to another partition's at a merge
     * @param sectionsExpired    sections deleted by the ordered clock
     * @param checkpointsRetired checkpoints removed when their retention ended
     * @param orphanOpensClosed  opens applied after their client had timed out, closed again
     */
    public record Snapshot(long applied, long malformed, long syncsSent, long syncsCompleted, long syncDropped,
                           long syncSuperseded, long sectionsExpired, long checkpointsRetired, long orphanOpensClosed) {
    }

    /** The counters now. */
    public Snapshot snapshot() {
        return new Snapshot(applied, malformed, syncsSent, syncsCompleted, syncDropped, syncSuperseded, sectionsExpired,
                checkpointsRetired, orphanOpensClosed);
    }
}
