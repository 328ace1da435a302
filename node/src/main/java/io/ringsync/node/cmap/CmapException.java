package io.ringsync.node.cmap;

/** A request the runtime database refused: the {@link CmapError} and a one-line reason naming the key. */
public final class CmapException extends Exception {

    private static final long serialVersionUID = 1L;

    private final CmapError error;

    /** {@code error}, explained by {@code message}. */
    public CmapException(CmapError error, String message) {
        super(message);
        this.error = error;
    }

    /** The error code. */
    public CmapError error() {
        return error;
    }
}
