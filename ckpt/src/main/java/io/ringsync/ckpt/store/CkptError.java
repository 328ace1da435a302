package io.ringsync.ckpt.store;

import java.util.Optional;

/**
 * The result codes of the SA Forum AIS (B.02.02, {@code SaAisErrorT}) that the checkpoint
 * service answers with, numbered as the standard numbers them so a C-minded operator reads the
 * same figures. {@link #OK} is success; every other value is a typed failure whose meaning for
 * each call is documented on the call.
 */
public enum CkptError {
    /** Success. */
    OK(1),
    /** An unexpected problem in the library or the node. */
    LIBRARY(2),
    /** The version asked for is not supported. */
    VERSION(3),
    /** A callback was asked for that was not registered. */
    INIT(4),
    /** The call did not complete in time; it may or may not have taken effect. */
    TIMEOUT(5),
    /** The service cannot answer now (e.g. a sync round is running); try again later. */
    TRY_AGAIN(6),
    /** A parameter is wrong (see each call). */
    INVALID_PARAM(7),
    /** Out of memory. */
    NO_MEMORY(8),
    /** The handle is unknown, closed, or its checkpoint is gone. */
    BAD_HANDLE(9),
    /** The resource is in use. */
    BUSY(10),
    /** The checkpoint was not opened with the access (read or write) the call needs. */
    ACCESS(11),
    /** The checkpoint, section or active replica does not exist. */
    NOT_EXIST(12),
    /** The checkpoint name is longer than {@code SA_MAX_NAME_LENGTH} (256 bytes). */
    NAME_TOO_LONG(13),
    /** It exists already (a section id, or a checkpoint with other creation attributes). */
    EXIST(14),
    /** A limit is reached: sections, checkpoint size, or the node's limits on checkpoints and bytes. */
    NO_SPACE(15),
    /** The call was interrupted. */
    INTERRUPT(16),
    /** The name was not found. */
    NAME_NOT_FOUND(17),
    /** Out of resources other than memory. */
    NO_RESOURCES(18),
    /** The call is not supported. */
    NOT_SUPPORTED(19),
    /** The call is not allowed for this checkpoint (e.g. active replica set on an all-replicas one). */
    BAD_OPERATION(20),
    /** The call failed for a reason outside the caller's control. */
    FAILED_OPERATION(21),
    /** A communication error. */
    MESSAGE_ERROR(22),
    /** A queue is full. */
    QUEUE_FULL(23),
    /** A queue is not available. */
    QUEUE_NOT_AVAILABLE(24),
    /** Flags are invalid (unknown open flag bits). */
    BAD_FLAGS(25),
    /** The request is larger than the service carries in one ordered message. */
    TOO_BIG(26),
    /** A section iteration has no more sections. */
    NO_SECTIONS(27),
    /** Not allowed by the security policy. */
    SECURITY(100);

    private final int code;

    CkptError(int code) {
        this.code = code;
    }

    /** The {@code SaAisErrorT} value. */
    public int code() {
        return code;
    }

    /** True for {@link #OK}. */
    public boolean ok() {
        return this == OK;
    }

    /** The error of {@code SaAisErrorT} value {@code code}, or empty for an unknown one. */
    public static Optional<CkptError> of(int code) {
        for (CkptError error : values()) {
            if (error.code == code) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
