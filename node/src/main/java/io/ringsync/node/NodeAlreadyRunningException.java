package io.ringsync.node;

import java.nio.file.Path;

/** Another live node answers on this node's IPC socket: starting a second one is refused. */
public class NodeAlreadyRunningException extends NodeStartRefusedException {

    /** {@code who} describes the live node, e.g. "node 1 of cluster demo". */
    public NodeAlreadyRunningException(Path socket, String who) {
        super("another node (" + who + ") is already running at " + socket);
    }
}
