package io.ringsync.node.cmap;

import java.util.Optional;

/**
 * A change a tracker is told of (cmap's track callback): the kind, the key, the value after
 * (empty for a delete) and before (empty for an add).
 */
public record CmapEvent(Kind kind, String key, Optional<CmapValue> newValue, Optional<CmapValue> oldValue) {

    /** What happened to the key; {@link #bit()} is Corosync's {@code CMAP_TRACK_*} value. */
    public enum Kind {
        /** The key was deleted ({@code CMAP_TRACK_DELETE} = 1). */
        DELETE(1, "delete"),
        /** The key's value changed ({@code CMAP_TRACK_MODIFY} = 2). */
        MODIFY(2, "modify"),
        /** The key was created ({@code CMAP_TRACK_ADD} = 4). */
        ADD(4, "create");

        private final int bit;
        private final String word;

        Kind(int bit, String word) {
            this.bit = bit;
            this.word = word;
        }

        /** Corosync's flag bit. */
        public int bit() {
            return bit;
        }

        /** The word corosync-cmapctl's tracking prints before the key: create, modify or delete. */
        public String word() {
            return word;
        }
    }

    /** The value the key has after the event, or before it for a delete. */
    public CmapValue value() {
        return newValue.or(() -> oldValue).orElseThrow();
    }
}
