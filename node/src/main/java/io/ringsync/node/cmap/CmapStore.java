package io.ringsync.node.cmap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's runtime database (Corosync's icmap), a pure class: typed values by hierarchical key
 * (dot-separated, kept sorted so a prefix is a range), and trackers by key or prefix.
 *
 * <p>Two ways in. Clients' {@link #set} and {@link #delete} check the key's name and access
 * ({@link CmapKeys}) and throw {@link CmapException}. The node's own {@link #put}, {@link #remove}
 * and {@link #replacePrefix} keep config and runtime keys current without those checks. Every
 * change returns the {@link Notification}s of the trackers that want it, in the order of the
 * changes; setting a key to the value it has changes nothing and notifies nobody.
 */
public final class CmapStore {

    /** An event for tracker {@code trackId}. */
    public record Notification(long trackId, CmapEvent event) {
    }

    private final NavigableMap<String, CmapValue> values = new TreeMap<>();
    private final Map<Long, CmapTrack> tracks = new LinkedHashMap<>();
    private long nextTrackId = 1;

    /** The value of {@code key}. */
    public Optional<CmapValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every key starting with {@code prefix} ("" for all), sorted, with its value. */
    public SortedMap<String, CmapValue> list(String prefix) {
        SortedMap<String, CmapValue> range = prefix.isEmpty() ? values : values.subMap(prefix, prefix + Character.MAX_VALUE);
        return Collections.unmodifiableSortedMap(new TreeMap<>(range));
    }

    /** Number of keys. */
    public int size() {
        return values.size();
    }

    /** A client's write: the key must be well named and writable ({@link CmapKeys}). */
    public List<Notification> set(String key, CmapValue value) throws CmapException {
        CmapKeys.checkName(key);
        CmapKeys.checkWritable(key);
        return put(key, value);
    }

    /** A client's delete: the key must exist and be writable. */
    public List<Notification> delete(String key) throws CmapException {
        CmapKeys.checkName(key);
        if (!values.containsKey(key)) {
            throw new CmapException(CmapError.NOT_EXIST, "no key " + key);
        }
        CmapKeys.checkWritable(key);
        return remove(key);
    }

    /** The node's write, unchecked: adds or modifies {@code key}. */
    public List<Notification> put(String key, CmapValue value) {
        CmapValue old = values.put(key, value);
        if (value.equals(old)) {
            return List.of();
        }
        CmapEvent.Kind kind = old == null ? CmapEvent.Kind.ADD : CmapEvent.Kind.MODIFY;
        return notify(new CmapEvent(kind, key, Optional.of(value), Optional.ofNullable(old)));
    }

    /** The node's delete, unchecked; nothing when the key does not exist. */
    public List<Notification> remove(String key) {
        CmapValue old = values.remove(key);
        return old == null ? List.of() : notify(new CmapEvent(CmapEvent.Kind.DELETE, key, Optional.empty(), Optional.of(old)));
    }

    /**
     * Makes the keys under {@code prefix} exactly {@code replacement} (every key of which must start
     * with {@code prefix}): others under it are removed, the rest put, each change notified.
     */
    public List<Notification> replacePrefix(String prefix, Map<String, CmapValue> replacement) {
        List<Notification> out = new ArrayList<>();
        for (String key : list(prefix).keySet()) {
            if (!replacement.containsKey(key)) {
                out.addAll(remove(key));
            }
        }
        for (Map.Entry<String, CmapValue> entry : new TreeMap<>(replacement).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                throw new IllegalArgumentException(entry.getKey() + " is not under " + prefix);
            }
            out.addAll(put(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    /** Adds a tracker of {@code key} (every key starting with it when {@code prefix}); its id. */
    public long track(String key, boolean prefix, Set<CmapEvent.Kind> kinds) throws CmapException {
        if (kinds.isEmpty()) {
            throw new CmapException(CmapError.INVALID_PARAM, "a track needs at least one of add, modify, delete");
        }
        if (!prefix) {
            CmapKeys.checkName(key);
        }
        long id = nextTrackId++;
        tracks.put(id, new CmapTrack(id, key, prefix, kinds));
        return id;
    }

    /** Removes tracker {@code id}; {@link CmapError#BAD_HANDLE} when there is none. */
    public void untrack(long id) throws CmapException {
        if (tracks.remove(id) == null) {
            throw new CmapException(CmapError.BAD_HANDLE, "no track " + id);
        }
    }

    /** The current trackers. */
    public List<CmapTrack> tracks() {
        return List.copyOf(tracks.values());
    }

    private List<Notification> notify(CmapEvent event) {
        List<Notification> out = new ArrayList<>();
        for (CmapTrack track : tracks.values()) {
            if (track.wants(event)) {
                out.add(new Notification(track.id(), event));
            }
        }
        return out;
    }
}
