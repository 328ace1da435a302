package io.ringsync.ckpt.store;

/**
 * A checkpoint's creation attributes ({@code SaCkptCheckpointCreationAttributesT}).
 *
 * <p>{@code creationFlags} holds exactly one of {@link #WR_ALL_REPLICAS},
 * {@link #WR_ACTIVE_REPLICA} and {@link #WR_ACTIVE_REPLICA_WEAK}, and may add
 * {@link #CHECKPOINT_COLLOCATED} to one of the last two (SA Forum: the three write policies are
 * mutually exclusive, collocation only makes sense with an active replica). Every node holds a
 * full replica whatever the flags: they decide when writes are allowed (an active replica must
 * be set, see {@link #activeReplicaAtCreation()}) and whether active replica set is a valid call.
 *
 * @param creationFlags     the write policy and collocation bits above
 * @param checkpointSize    the most bytes all sections together may hold
 * @param retentionDurationNs how long a checkpoint nobody has open is kept ({@link Times#END}: for ever)
 * @param maxSections       the most sections; 1 means the checkpoint has only its default section
 * @param maxSectionSize    the most bytes one section may hold
 * @param maxSectionIdSize  the longest section id, in bytes
 */
public record CreationAttributes(int creationFlags, long checkpointSize, long retentionDurationNs, int maxSections,
                                 long maxSectionSize, int maxSectionIdSize) {

    /** Writes go to every replica ({@code SA_CKPT_WR_ALL_REPLICAS}). */
    public static final int WR_ALL_REPLICAS = 1;
    /** Writes go to the active replica, synchronously to the others here ({@code SA_CKPT_WR_ACTIVE_REPLICA}). */
    public static final int WR_ACTIVE_REPLICA = 2;
    /** As {@link #WR_ACTIVE_REPLICA}, weak ({@code SA_CKPT_WR_ACTIVE_REPLICA_WEAK}). */
    public static final int WR_ACTIVE_REPLICA_WEAK = 4;
    /** The application chooses the active replica with active replica set ({@code SA_CKPT_CHECKPOINT_COLLOCATED}). */
    public static final int CHECKPOINT_COLLOCATED = 8;

    private static final int WRITE_POLICIES = WR_ALL_REPLICAS | WR_ACTIVE_REPLICA | WR_ACTIVE_REPLICA_WEAK;

    /**
     * {@link CkptError#INVALID_PARAM} when the attributes are not valid: not exactly one write
     * policy, an unknown bit, collocation with all replicas, a negative size or count, no
     * section, or {@code checkpointSize > maxSections * maxSectionSize} (Corosync's check);
     * {@link CkptError#OK} otherwise.
     */
    public CkptError validate() {
        int policy = creationFlags & WRITE_POLICIES;
        boolean onePolicy = policy != 0 && Integer.bitCount(policy) == 1;
        boolean knownBits = (creationFlags & ~(WRITE_POLICIES | CHECKPOINT_COLLOCATED)) == 0;
        boolean collocationOk = !collocated() || policy != WR_ALL_REPLICAS;
        boolean sizesOk = checkpointSize >= 0 && retentionDurationNs >= 0 && maxSections >= 1 && maxSectionSize >= 0
                && maxSectionIdSize >= 0;
        if (!onePolicy || !knownBits || !collocationOk || !sizesOk || checkpointSize > capacity()) {
            return CkptError.INVALID_PARAM;
        }
        return CkptError.OK;
    }

    /** These attributes with retention duration {@code durationNs} (retention duration set). */
    public CreationAttributes withRetention(long durationNs) {
        return new CreationAttributes(creationFlags, checkpointSize, durationNs, maxSections, maxSectionSize,
                maxSectionIdSize);
    }

    /** True when the attributes match {@code other} but for the retention duration (open's EXIST rule). */
    public boolean sameAsIgnoringRetention(CreationAttributes other) {
        return creationFlags == other.creationFlags && checkpointSize == other.checkpointSize
                && maxSections == other.maxSections && maxSectionSize == other.maxSectionSize
                && maxSectionIdSize == other.maxSectionIdSize;
    }

    /** Writes go to every replica. */
    public boolean allReplicas() {
        return (creationFlags & WR_ALL_REPLICAS) != 0;
    }

    /** The active replica is chosen by the application. */
    public boolean collocated() {
        return (creationFlags & CHECKPOINT_COLLOCATED) != 0;
    }

    /** An active-replica policy (strong or weak). */
    public boolean activeReplicaPolicy() {
        return (creationFlags & (WR_ACTIVE_REPLICA | WR_ACTIVE_REPLICA_WEAK)) != 0;
    }

    /**
     * Whether writes are allowed from creation on (Corosync): yes for all replicas, and for an
     * active replica that is not collocated (the service picks it); a collocated checkpoint waits
     * for active replica set.
     */
    public boolean activeReplicaAtCreation() {
        return allReplicas() || !collocated();
    }

    /** {@code maxSections * maxSectionSize}, saturating. */
    private long capacity() {
        long sections = maxSections;
        return maxSectionSize != 0 && sections > Long.MAX_VALUE / maxSectionSize ? Long.MAX_VALUE : sections * maxSectionSize;
    }
}
