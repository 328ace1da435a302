package io.ringsync.node.cmap;

import java.util.List;

/** What one poll of a polled track returns: its events, oldest first, and how many it had to drop since the last poll. */
public record PolledEvents(List<CmapEvent> events, long dropped) {

    /** Copies the events. */
    public PolledEvents {
        events = List.copyOf(events);
    }
}
