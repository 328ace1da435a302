package io.ringsync.ckpt.store;

/**
 * A checkpoint's status ({@code SaCkptCheckpointDescriptorT}).
 *
 * @param attributes the creation attributes
 * @param sections   the number of sections
 * @param bytesUsed  the bytes of all sections' data ({@code memoryUsed})
 */
public record CheckpointStatus(CreationAttributes attributes, int sections, long bytesUsed) {
}
