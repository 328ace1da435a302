package io.ringsync.cpg;

/**
 * A CPG request that did not succeed: how the {@link Cpg} API completes its stages when the answer
 * is not {@link CpgResult#OK}.
 */
public final class CpgException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final CpgResult result;

    /** {@code what} (e.g. "mcast to \"g\"") failed with {@code result}. */
    public CpgException(String what, CpgResult result) {
        super(what + ": " + result);
        this.result = result;
    }

    /** Why it failed. */
    public CpgResult result() {
        return result;
    }
}
