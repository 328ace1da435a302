package io.ringsync.protocol.crypto;

/**
 * The node's persisted boot count cannot be read or advanced (a corrupt {@code boot_count}
 * file, an unwritable state dir). The message is one line naming the file and the problem,
 * meant to be shown to the operator as it is, without a stack trace.
 */
public final class BootCountException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal with its one-line message. */
    public BootCountException(String message) {
        super(message);
    }
}
