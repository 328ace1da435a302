package io.ringsync.node.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request body into its reply: the body must be a JSON object with a string
 * {@code op} (Jackson's read limits bound nesting, number and string lengths; the body itself
 * is at most {@link IpcFrames#MAX_REQUEST_BYTES}), which the {@link IpcHandler} answers. A
 * broken request, or a handler that fails, gives {@code {"error": "..."}}; nothing is thrown.
 */
final class IpcRequests {

    private static final Logger log = LoggerFactory.getLogger(IpcRequests.class);

    /** The prefix of the error reply to a handler that threw a runtime exception. */
    static final String INTERNAL_ERROR = "internal error: ";

    private IpcRequests() {
    }

    /** The reply to {@code body}, from {@code handler} or an error. */
    static JsonNode answer(IpcHandler handler, byte[] body) {
        return answer(handler, body, null);
    }

    /** As {@link #answer(IpcHandler, byte[])}; an {@link IpcConnectionHandler} is given {@code connection}. */
    static JsonNode answer(IpcHandler handler, byte[] body, IpcConnection connection) {
        try {
            JsonNode request = parse(body);
            String op = request.get("op").asText();
            return handler instanceof IpcConnectionHandler withConnection
                    ? withConnection.handle(op, request, connection) : handler.handle(op, request);
        } catch (IpcProtocolException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("IPC: request failed: {}", e.toString());
            log.debug("IPC: request failure", e);
            return error(INTERNAL_ERROR + e.getMessage());
        }
    }

    /** The request object of {@code body}; {@link IpcProtocolException} naming what is wrong. */
    static JsonNode parse(byte[] body) throws IpcProtocolException {
        JsonNode request;
        try {
            request = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IpcProtocolException("malformed JSON request: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IpcProtocolException("unreadable request: " + e.getMessage());
        }
        if (request == null || !request.isObject() || !request.path("op").isTextual()) {
            throw new IpcProtocolException("a request must be a JSON object with a string field \"op\"");
        }
        return request;
    }

    /** {@code {"error": message}}. */
    static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }
}
