package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.file.Path;

/** No node answers at a socket path: the file is missing or nobody listens on it. */
public class NodeNotRunningException extends IOException {

    private final transient Path socket;

    /** {@code reason} is short, e.g. "no such socket" or "connection refused". */
    public NodeNotRunningException(Path socket, String reason) {
        super("no node is running at " + socket + " (" + reason + ")");
        this.socket = socket;
    }

    /** The socket path that was tried. */
    public Path socket() {
        return socket;
    }
}
