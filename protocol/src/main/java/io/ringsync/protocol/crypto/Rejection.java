package io.ringsync.protocol.crypto;

/**
 * Why {@link FrameOpener} dropped a frame. Never thrown: it is the result. The checks run in
 * this order; everything from {@link #REPLAYED} on is decided only for frames that passed
 * authentication, so those reasons come from key holders (or from a replay of their frames).
 */
public enum Rejection implements OpenResult {
    /** Shorter than the crypto header plus the tag. */
    TRUNCATED("shorter than the crypto header and tag"),
    /** A crypto header version this node does not know. */
    UNSUPPORTED_VERSION("unknown crypto header version"),
    /** A cipher id that names no cipher, or not the one this node is configured with. */
    UNKNOWN_CIPHER("sealed with a cipher this node is not configured for"),
    /** A key id none of this node's keys has: the sender has another authkey (or a retired one). */
    UNKNOWN_KEY("sealed with an authkey this node does not hold"),
    /** Authentication failed: tampered, corrupted or forged, or sealed for another cluster name. */
    BAD_TAG("authentication failed (tampered, forged, or another cluster name)"),
    /** Authentic, but its counter was seen already or is older than the replay window. */
    REPLAYED("replayed (counter already seen or older than the window)"),
    /** Authentic, but from a sender session older (lower boot count) than the newest one seen. */
    STALE_SESSION("from an older session of the sender"),
    /**
     * Authentic, with the boot count of the sender's newest session but another session id:
     * the sender restarted without raising its persisted boot count (its state dir was lost or
     * reset). Refused because accepting it would let old frames replace a live session.
     */
    SESSION_CONFLICT("from a second session with the same boot count (sender's state dir reset?)");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    /** A few words for log lines. */
    public String description() {
        return description;
    }
}
