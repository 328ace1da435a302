package io.ringsync.protocol.crypto;

/**
 * An authkey file the node refuses: missing, unreadable, of the wrong size or readable by
 * others. The message is one line naming the file and the problem, meant to be shown to the
 * operator as it is, without a stack trace.
 */
public final class AuthKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal with its one-line message. */
    public AuthKeyException(String message) {
        super(message);
    }
}
