package io.ringsync.ckpt.store;

/**
 * One element of a read: at most {@code size} bytes from {@code offset} of a section.
 *
 * @param sectionId the section
 * @param offset    where to start; past the section's end is {@link CkptError#INVALID_PARAM}
 * @param size      the most bytes to read (fewer when the section ends first)
 */
public record ReadRange(SectionId sectionId, long offset, long size) {
}
