package io.ringsync.node.cmap;

import java.util.EnumSet;
import java.util.Set;

/**
 * One tracker (cmap's {@code track_add}): the key it follows, or every key starting with it when
 * {@code prefix} ({@code CMAP_TRACK_PREFIX}), and the kinds of event it wants.
 */
public record CmapTrack(long id, String key, boolean prefix, Set<CmapEvent.Kind> kinds) {

    /** Copies the kinds; at least one. */
    public CmapTrack {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a track wants at least one kind of event");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** Whether this track is told of {@code event}. */
    public boolean wants(CmapEvent event) {
        return kinds.contains(event.kind()) && (prefix ? event.key().startsWith(key) : event.key().equals(key));
    }
}
