package io.ringsync.node.cmap;

/**
 * The answer to a request of {@link CmapActor}: a value, or the error and its one-line reason.
 *
 * @param value   the value when {@link #ok()}
 * @param error   the error, or null when ok
 * @param message why, when not ok
 * @param <T>     the value's type
 */
public record CmapReply<T>(T value, CmapError error, String message) {

    /** Success with {@code value}. */
    public static <T> CmapReply<T> ok(T value) {
        return new CmapReply<>(value, null, "");
    }

    /** The refusal {@code e}. */
    public static <T> CmapReply<T> refused(CmapException e) {
        return new CmapReply<>(null, e.error(), e.getMessage());
    }

    /** A refusal of {@code error} for {@code message}. */
    public static <T> CmapReply<T> refused(CmapError error, String message) {
        return new CmapReply<>(null, error, message);
    }

    /** True on success. */
    public boolean ok() {
        return error == null;
    }
}
