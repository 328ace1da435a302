package io.ringsync.protocol.totem;

/**
 * The persisted ring seq cannot be read or written (a corrupt {@code ringseq} file, an
 * unwritable state dir). The message is one line naming the file and the problem, meant to be
 * shown to the operator as it is, without a stack trace.
 */
public final class RingSeqException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with its one-line message. */
    public RingSeqException(String message) {
        super(message);
    }
}
