package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * One checkpoint opened for a {@code ringsync ckpt} command: opens it with {@code flags}, runs
 * the command's work on the handle, and closes it whatever the work gave.
 */
final class CkptSession {

    /** The work done with an open handle: true when it succeeded (a failure is already reported). */
    @FunctionalInterface
    interface Work {
        boolean run(CkptIpc.Session node, long handle) throws IOException;
    }

    private CkptSession() {
    }

    /** Opens {@code name} with {@code flags} on {@code node}, runs {@code work}, closes: true when all succeeded. */
    static boolean withHandle(CkptIpc.Session node, String name, String flags, Work work) throws IOException {
        Optional<JsonNode> opened = node.request(Json.object().put("op", "ckpt.open").put("name", name).put("flags", flags));
        if (opened.isEmpty()) {
            return false;
        }
        long handle = opened.get().get("handle").asLong();
        boolean done = work.run(node, handle);
        boolean closed = node.request(Json.object().put("op", "ckpt.close").put("handle", handle)).isPresent();
        return done && closed;
    }
}
