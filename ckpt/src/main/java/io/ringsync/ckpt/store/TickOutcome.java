package io.ringsync.ckpt.store;

import java.util.List;

/**
 * What one tick of the ordered clock removed.
 *
 * @param sectionsExpired   sections deleted because their expiration time passed
 * @param checkpointsRetired names of checkpoints removed because their retention duration passed
 */
public record TickOutcome(int sectionsExpired, List<String> checkpointsRetired) {
}
