package io.ringsync.ckpt.store;

/**
 * A section as {@code ringsync ckpt dump} shows it: its descriptor and a digest of its bytes, so
 * two replicas are compared without shipping the data.
 *
 * @param descriptor id, expiration and size
 * @param digest     the first 16 hex digits of the SHA-256 of the section's bytes
 */
public record SectionDump(SectionDescriptor descriptor, String digest) {
}
