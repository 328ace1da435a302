package io.ringsync.ckpt.store;

/**
 * One element of a write ({@code SaCkptIOVectorElementT}): {@code data} at {@code offset} of a section.
 *
 * @param sectionId the section
 * @param offset    where the data goes; a gap past the section's end is filled with zeros
 * @param data      the bytes (not copied: do not change them afterwards)
 */
public record WriteElement(SectionId sectionId, long offset, byte[] data) {
}
