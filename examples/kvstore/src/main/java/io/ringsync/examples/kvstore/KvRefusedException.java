package io.ringsync.examples.kvstore;

/** A write the store refused: the message says why (no quorum, a replica catching up, a value too long). */
public final class KvRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}. */
    public KvRefusedException(String message) {
        super(message);
    }
}
