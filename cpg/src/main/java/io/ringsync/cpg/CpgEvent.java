package io.ringsync.cpg;

/**
 * What a process of a group is told, in the total order of the ring (Corosync's callbacks):
 * a message ({@link CpgDeliver}), a change of the group's membership ({@link CpgConfChg}), or a
 * new ring after the sync round ({@link CpgTotemConfChg}).
 */
public sealed interface CpgEvent permits CpgDeliver, CpgConfChg, CpgTotemConfChg {
}
