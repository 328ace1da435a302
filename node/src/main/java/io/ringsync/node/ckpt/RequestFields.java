package io.ringsync.node.ckpt;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.ipc.IpcProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Reads the fields of one IPC request of operation {@code op}; a field missing or of the wrong
 * type is an {@link IpcProtocolException} whose one-line message names the op and the field.
 * Shared by the services' IPC handlers.
 */
public final class RequestFields {

    private final String op;
    private final JsonNode request;

    /** The fields of {@code request}, an operation {@code op}. */
    public RequestFields(String op, JsonNode request) {
        this.op = op;
        this.request = request;
    }

    /** The string field {@code field}. */
    public String text(String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw wrong(field, "a string");
        }
        return value.asText();
    }

    /** The whole-number field {@code field}. */
    public long number(String field) throws IpcProtocolException {
        OptionalLong value = optionalNumber(field);
        if (value.isEmpty()) {
            throw wrong(field, "a whole number");
        }
        return value.getAsLong();
    }

    /** The whole-number field {@code field}, when present and not null. */
    public OptionalLong optionalNumber(String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw wrong(field, "a whole number");
        }
        return OptionalLong.of(value.asLong());
    }

    /** The string field {@code field}, or {@code otherwise} when absent or null. */
    public String optionalText(String field, String otherwise) throws IpcProtocolException {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? otherwise : text(field);
    }

    /** The boolean field {@code field}, or {@code otherwise} when absent or null. */
    public boolean bool(String field, boolean otherwise) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw wrong(field, "true or false");
        }
        return value.booleanValue();
    }

    /** The object field {@code field}, or null when absent. */
    JsonNode optionalObject(String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrong(field, "an object");
        }
        return value;
    }

    /** Fields of the object {@code field}, read by a reader for {@code op}'s {@code field}. */
    RequestFields nested(JsonNode object, String field) {
        return new RequestFields(op + " " + field, object);
    }

    /** The bytes of a request: {@code text} (UTF-8) or {@code base64}, exactly one of them. */
    byte[] data() throws IpcProtocolException {
        boolean text = request.has("text");
        boolean base64 = request.has("base64");
        if (text == base64) {
            throw new IpcProtocolException(op + ": give the data as exactly one of \"text\" (UTF-8) or \"base64\"");
        }
        if (text) {
            return text("text").getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text("base64"));
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException(op + ": field \"base64\" is not base64: " + e.getMessage());
        }
    }

    private IpcProtocolException wrong(String field, String expected) {
        return new IpcProtocolException(op + ": field \"" + field + "\" must be " + expected);
    }
}
