package io.ringsync.node.cmap;

import java.util.Map;
import java.util.TreeMap;

/** Builds a sorted map of keys under a prefix, with the typed puts the key sets use. */
final class KeyMap {

    private final String prefix;
    private final TreeMap<String, CmapValue> keys;

    private KeyMap(String prefix, TreeMap<String, CmapValue> keys) {
        this.prefix = prefix;
        this.keys = keys;
    }

    /** An empty map whose puts go under {@code prefix} ("totem." etc.). */
    static KeyMap under(String prefix) {
        return new KeyMap(prefix, new TreeMap<>());
    }

    /** The same map, puts going under {@code prefix} + {@code more}. */
    KeyMap at(String more) {
        return new KeyMap(prefix + more, keys);
    }

    KeyMap put(String name, CmapValue value) {
        keys.put(prefix + name, value);
        return this;
    }

    KeyMap u32(String name, long value) {
        return put(name, CmapValue.u32(value));
    }

    KeyMap u64(String name, long value) {
        return put(name, CmapValue.u64(value));
    }

    KeyMap flag(String name, boolean value) {
        return put(name, CmapValue.flag(value));
    }

    KeyMap str(String name, String value) {
        return put(name, CmapValue.str(value));
    }

    /** The keys put so far, sorted. */
    Map<String, CmapValue> keys() {
        return keys;
    }
}
