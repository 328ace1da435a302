package io.ringsync.node.cmap;

/** Why the runtime database refused a request, after Corosync's {@code cs_error_t} codes for cmap. */
public enum CmapError {
    /** No such key ({@code CS_ERR_NOT_EXIST}). */
    NOT_EXIST,
    /** The key is read-only: loaded from the config file, or kept by the node ({@code CS_ERR_ACCESS}). */
    ACCESS,
    /** A bad key name, type or value ({@code CS_ERR_INVALID_PARAM}). */
    INVALID_PARAM,
    /** No such track ({@code CS_ERR_BAD_HANDLE}). */
    BAD_HANDLE
}
