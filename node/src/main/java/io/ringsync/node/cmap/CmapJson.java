package io.ringsync.node.cmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import java.util.Base64;

/**
 * The JSON of cmap's IPC replies, which {@code ringsync cmap ... --json} prints: an entry is
 * {@code {"key", "type", "value", "text"}}, the value a JSON number for integers (u64 above 2^63
 * included) and floats, a string for strings, base64 for binary; {@code text} is the value as
 * cmapctl prints it.
 */
public final class CmapJson {

    private CmapJson() {
    }

    /** One key and its value. */
    public static ObjectNode entry(String key, CmapValue value) {
        ObjectNode node = Json.object().put("key", key).put("type", value.type().word());
        node.set("value", value(value));
        return node.put("text", value.text());
    }

    /** The value alone. */
    public static JsonNode value(CmapValue value) {
        if (value.type() == CmapType.U64) {
            return Json.mapper().getNodeFactory().numberNode(value.asBigInteger());
        }
        if (value.type().integer()) {
            return Json.mapper().getNodeFactory().numberNode(value.asLong());
        }
        switch (value.type()) {
            case FLT:
            case DBL:
                return Json.mapper().getNodeFactory().numberNode(value.asDouble());
            case STR:
                return Json.mapper().getNodeFactory().textNode(value.asString());
            default:
                return Json.mapper().getNodeFactory().textNode(Base64.getEncoder().encodeToString(value.asBytes()));
        }
    }

    /** A track event: {@code {"event": "create|modify|delete", key, type, value, text, old?}}. */
    public static ObjectNode event(CmapEvent event) {
        ObjectNode node = Json.object().put("event", event.kind().word());
        node.setAll(entry(event.key(), event.value()));
        event.oldValue().filter(old -> event.newValue().isPresent()).ifPresent(old -> node.set("old", entry(event.key(), old)));
        return node;
    }
}
