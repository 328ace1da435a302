package io.ringsync.examples.kvstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A replica of the store: the entries, sorted by key, and the number of writes applied. Its
 * {@link #digest()} (SHA-256 of the entries in key order, first 16 hex digits) is what members and
 * tests compare.
 */
public final class KvReplica {

    /**
     * One write: {@code key} set to {@code value}.
     *
     * @param key   the key
     * @param value the new value
     */
    public record Write(String key, String value) {
    }

    private final TreeMap<String, String> entries;
    private long version;

    /** An empty replica, version 0. */
    public KvReplica() {
        this(new TreeMap<>(), 0);
    }

    /** A replica of {@code entries} at {@code version} (a snapshot read back). */
    public KvReplica(Map<String, String> entries, long version) {
        this.entries = new TreeMap<>(entries);
        this.version = version;
    }

    /** Applies {@code write}: one version more. */
    public void apply(Write write) {
        entries.put(write.key(), write.value());
        version++;
    }

    /** The value of {@code key}. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Writes applied. */
    public long version() {
        return version;
    }

    /** The entries, in key order (a copy). */
    public Map<String, String> entries() {
        return new TreeMap<>(entries);
    }

    /** Entries held. */
    public int size() {
        return entries.size();
    }

    /** A copy. */
    public KvReplica copy() {
        return new KvReplica(entries, version);
    }

    /** SHA-256 over the entries in key order, each as length-prefixed key and value; 16 hex digits. */
    public String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            update(sha, entry.getKey());
            update(sha, entry.getValue());
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        sha.update(bytes);
    }
}
