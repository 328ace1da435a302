package io.ringsync.cpg;

/**
 * Why a process appears in the joined or left list of a {@link CpgConfChg} (Corosync's
 * {@code cpg_reason_t}, with its codes).
 */
public enum CpgReason {
    /** The process joined the group. */
    JOIN(1),
    /** The process left the group by request. */
    LEAVE(2),
    /** The process's node left the ring (crash, partition, shutdown). */
    NODEDOWN(3),
    /** The process was already in the group on a node that joined the ring (a merge or a start). */
    NODEUP(4),
    /** The process went away without leaving (its client vanished). */
    PROCDOWN(5);

    private final int code;

    CpgReason(int code) {
        this.code = code;
    }

    /** Corosync's numeric code. */
    public int code() {
        return code;
    }
}
