package io.ringsync.protocol.totem.pg;

/**
 * Why {@link Unpacker} dropped a chunk (rules in {@link ChunkFormat}). Each drop also discards
 * the sender's unfinished message, whatever the reason.
 */
public enum DropReason {
    /** No bytes, or a header declaring no entry. */
    EMPTY,
    /** A version byte this build does not know. */
    BAD_VERSION,
    /** The header, an entry's header or its data runs past the end of the chunk. */
    TRUNCATED,
    /** A varint longer than 5 bytes, not minimal, or above {@link Integer#MAX_VALUE}. */
    BAD_VARINT,
    /** An entry kind other than WHOLE, FIRST, MIDDLE or LAST. */
    BAD_KIND,
    /** A whole message or a FIRST's declared total above {@code maxMessageBytes}. */
    TOO_LARGE,
    /** An empty fragment, a FIRST not shorter than its total, or fragments that overrun or miss the total. */
    BAD_FRAGMENT,
    /** A MIDDLE or LAST while the sender has no unfinished message (its start was lost or never sent). */
    ORPHAN_CONTINUATION,
    /** A WHOLE or FIRST while the sender's previous message is unfinished. */
    INTERRUPTED,
    /** A FIRST or MIDDLE that is not the last entry of its chunk. */
    MISPLACED_FRAGMENT,
    /** Bytes after the last declared entry. */
    TRAILING_BYTES
}
