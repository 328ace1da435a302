package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.protocol.totem.Delivery;
import java.util.Base64;
import java.util.Locale;

/** The fields of CPG IPC requests, each checked with an error naming the op and the field. */
final class CpgRequests {

    private CpgRequests() {
    }

    static String text(JsonNode request, String op, String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw new IpcProtocolException(op + ": missing string field \"" + field + "\"");
        }
        return value.asText();
    }

    static long pid(JsonNode request, String op) throws IpcProtocolException {
        JsonNode value = request.get("pid");
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IpcProtocolException(op + ": missing or negative integer field \"pid\"");
        }
        return value.asLong();
    }

    static Delivery guarantee(JsonNode request, String op) throws IpcProtocolException {
        String guarantee = request.path("guarantee").asText("agreed");
        try {
            return Delivery.valueOf(guarantee.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException(op + ": \"guarantee\" must be \"agreed\" or \"safe\", not \"" + guarantee + "\"");
        }
    }

    static byte[] data(JsonNode request, String op) throws IpcProtocolException {
        try {
            return Base64.getDecoder().decode(text(request, op, "data"));
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException(op + ": field \"data\" is not base64: " + e.getMessage());
        }
    }
}
