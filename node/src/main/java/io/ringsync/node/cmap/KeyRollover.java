package io.ringsync.node.cmap;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.FrameKeys;
import io.ringsync.protocol.crypto.KeyRing;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Rolls the node's frame key over through {@code ringsync cfg reload} (the security issue: a
 * second key accepted during the rollover, switched across the cluster by a reload). The
 * operator puts the new authkey in place on every node (same path or a new {@code crypto.authkey})
 * and reloads; the reload takes {@link KeyRing}'s three steps at its own points:
 * <ul>
 *   <li>at the vote, a node whose new file names another key loads it and accepts it
 *       ({@link #prepare}); a key that cannot be loaded makes the node's file invalid, so the
 *       reload changes nothing anywhere;</li>
 *   <li>at the commit, every member seals with the new key ({@link #commit}); the commit is reached
 *       only once every member voted, so every member already accepts it;</li>
 *   <li>{@link #GRACE} later, the old key is no longer accepted ({@link KeyRing#retire}).</li>
 * </ul>
 * The cipher itself cannot change at runtime (the reload reports it as needing a restart).
 * Not thread-safe: the CMAP actor's helper.
 */
final class KeyRollover {

    /** The prefix of {@link #keys()}. */
    static final String PREFIX = "runtime.crypto.";

    /**
     * How long the old key stays accepted after a commit: members reach the commit within a token
     * rotation or so; a member much later than this has its old-key frames dropped until it
     * reaches the commit, and Totem retransmits them sealed with the new key.
     */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Optional<KeyRing> ring;
    private final Map<String, FrameKeys> prepared = new HashMap<>();

    KeyRollover(Optional<KeyRing> ring) {
        this.ring = ring;
    }

    /**
     * Step 1, at reload {@code reload}'s vote: when {@code loaded} keeps the running cipher and names
     * another key, accepts that key from now on and returns the change, as the reload reports it.
     *
     * @throws AuthKeyException the new file's authkey cannot be used (the file is invalid)
     */
    Optional<String> prepare(String reload, RingsyncSettings running, RingsyncSettings loaded) throws AuthKeyException {
        if (ring.isEmpty() || !loaded.crypto().cipher().equals(running.crypto().cipher())) {
            return Optional.empty();
        }
        FrameKeys next = KeyRing.loadKeys(loaded.crypto(), running.clusterName());
        FrameKeys sealing = ring.get().keys().sealing();
        if (next.keyId() == sealing.keyId()) {
            return Optional.empty();
        }
        ring.get().prepare(next);
        prepared.put(reload, next);
        return Optional.of("crypto.authkey: key " + AuthKey.hex(sealing.keyId()) + " -> " + AuthKey.hex(next.keyId()));
    }

    /**
     * Steps 2 or its undo, once reload {@code reload} is decided: the id of the key the node now
     * seals with, to {@link #retire} the old one after {@link #GRACE}; empty when the reload
     * changed no key or did not commit.
     */
    OptionalInt decided(String reload, boolean commit) {
        FrameKeys next = prepared.remove(reload);
        if (next == null) {
            return OptionalInt.empty();
        }
        if (!commit) {
            ring.get().abort(next);
            return OptionalInt.empty();
        }
        ring.get().commit(next);
        return OptionalInt.of(next.keyId());
    }

    /** Step 3: only the key {@code keyId} is accepted from now on, if the node still seals with it. */
    void retire(int keyId) {
        ring.ifPresent(r -> r.retire(keyId));
    }

    /**
     * {@code runtime.crypto.sealing_key} and {@code runtime.crypto.accepted_keys} (key ids in hex,
     * as {@code ringsync keygen} prints them); none with cipher "none".
     */
    Map<String, CmapValue> keys() {
        if (ring.isEmpty()) {
            return Map.of();
        }
        KeyRing.Keys keys = ring.get().keys();
        return KeyMap.under(PREFIX).str("sealing_key", AuthKey.hex(keys.sealing().keyId()))
                .str("accepted_keys", String.join(" ", keys.accepted().stream().map(k -> AuthKey.hex(k.keyId())).toList()))
                .keys();
    }
}
