package io.ringsync.node;

import java.io.IOException;

/**
 * A node refused to start for a reason an operator fixes, told in one line: another node
 * already runs on its socket, its authkey is missing, of the wrong size or readable by
 * others, or its run directory is not a directory of its own user. The message is the whole explanation; no stack trace is needed.
 */
public class NodeStartRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public NodeStartRefusedException(String message) {
        super(message);
    }

    public NodeStartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
