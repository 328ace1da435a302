package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers one IPC request; runs on the connection's thread and may block briefly. */
@FunctionalInterface
public interface IpcHandler {

    /**
     * The reply to {@code request}, whose {@code op} field is already known to be a string.
     *
     * @throws IpcProtocolException when the request is wrong (unknown op, bad argument); its
     *     message becomes the {@code error} of the reply
     */
    JsonNode handle(String op, JsonNode request) throws IpcProtocolException;
}
