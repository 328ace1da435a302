package io.ringsync.node.jmx;

/**
 * The checkpoint service's state ({@code io.ringsync:type=Ckpt,node=<id>}): what
 * {@code ringsync ckpt list} shows, read from the checkpoint service at each call.
 */
public interface CkptMXBean {

    /** Checkpoints, unlinked ones still open included. */
    int getCheckpoints();

    /** Their names. */
    String[] getCheckpointNames();

    /** Sections over every checkpoint. */
    long getSections();

    /** Bytes of section data over every checkpoint. */
    long getBytesUsed();
}
