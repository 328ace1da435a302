package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The node refused this client (its uid and gid are not allowed), or the file system kept
 * it from the socket. The message is one line for the operator, starting "access denied".
 */
public class IpcAccessDeniedException extends IOException {

    /** {@code message} as the node sent it, e.g. "access denied: uid 65534 is not allowed by ...". */
    public IpcAccessDeniedException(String message) {
        super(message);
    }

    /** The socket (or its directory) does not let this user in. */
    static IpcAccessDeniedException unreachable(Path socket) {
        return new IpcAccessDeniedException("access denied: cannot reach the node's socket " + socket
                + " (permission denied); the node lets in its own user and root, and whom system.ipc_allowed_uids"
                + " and system.ipc_allowed_gids name");
    }
}
