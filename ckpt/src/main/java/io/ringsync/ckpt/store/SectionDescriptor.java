package io.ringsync.ckpt.store;

/**
 * What iteration tells of a section ({@code SaCkptSectionDescriptorT}, without the last update
 * time, which would be a node's own clock).
 *
 * @param sectionId    the section's id
 * @param expirationNs when it expires ({@link Times#END}: never)
 * @param size         its bytes
 */
public record SectionDescriptor(SectionId sectionId, long expirationNs, long size) {
}
