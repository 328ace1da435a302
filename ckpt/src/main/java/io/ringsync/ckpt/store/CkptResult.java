package io.ringsync.ckpt.store;

import java.util.Objects;

/**
 * A call's typed result: {@link CkptError#OK} with a value, or an error without one.
 *
 * @param error the result code
 * @param value the value on success, null otherwise
 * @param <T>   the value's type
 */
public record CkptResult<T>(CkptError error, T value) {

    /** Checks that a value comes with OK and only with OK. */
    public CkptResult {
        Objects.requireNonNull(error, "error");
        if (error.ok() != (value != null)) {
            throw new IllegalArgumentException("a result has a value exactly when it is OK: " + error + " " + value);
        }
    }

    /** Success with {@code value}. */
    public static <T> CkptResult<T> ok(T value) {
        return new CkptResult<>(CkptError.OK, value);
    }

    /** Failure with {@code error} (not OK). */
    public static <T> CkptResult<T> fail(CkptError error) {
        return new CkptResult<>(error, null);
    }

    /** True on success. */
    public boolean ok() {
        return error.ok();
    }
}
