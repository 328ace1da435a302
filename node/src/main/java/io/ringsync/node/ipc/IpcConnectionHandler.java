package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@link IpcHandler} that needs the client's {@link IpcConnection}: to stream events to it,
 * or to tie state to the connection's life (e.g. CPG memberships, which end with PROCDOWN when
 * the client's connection closes).
 */
public interface IpcConnectionHandler extends IpcHandler {

    /**
     * The reply to {@code request} arriving on {@code connection} (null when the request does not
     * come from a connection, e.g. in a test).
     *
     * @throws IpcProtocolException when the request is wrong; its message becomes the error reply
     */
    JsonNode handle(String op, JsonNode request, IpcConnection connection) throws IpcProtocolException;

    /** Without a connection. */
    @Override
    default JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        return handle(op, request, null);
    }
}
