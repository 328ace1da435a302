package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** cmapctl's lines from the JSON of cmap's IPC replies: {@code key (type) = value}, and {@code create> ...} for track events. */
final class CmapFormatter {

    private CmapFormatter() {
    }

    /** {@code totem.token (u32) = 3000}. */
    static String entry(JsonNode entry) {
        return entry.path("key").asText() + " (" + entry.path("type").asText() + ") = " + entry.path("text").asText();
    }

    /** {@code modify> runtime.members.3.status (str) = left}. */
    static String event(JsonNode event) {
        return event.path("event").asText() + "> " + entry(event);
    }
}
