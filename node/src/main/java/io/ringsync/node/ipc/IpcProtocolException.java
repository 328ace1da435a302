package io.ringsync.node.ipc;

import java.io.IOException;

/**
 * A request or reply that breaks the IPC framing (oversize, truncated) or its JSON shape.
 * The message names what was wrong and is sent back to the client as {@code {"error": ...}}.
 */
public class IpcProtocolException extends IOException {

    /** Creates the exception with a message meant for the client. */
    public IpcProtocolException(String message) {
        super(message);
    }
}
