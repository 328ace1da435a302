package io.ringsync.ckpt.store;

/**
 * A checkpoint's open flags ({@code SaCkptCheckpointOpenFlagsT}): {@link #READ}, {@link #WRITE},
 * {@link #CREATE}, or'ed. The access bits decide which calls a handle may make
 * ({@link CkptError#ACCESS} otherwise); create makes the checkpoint when it does not exist.
 *
 * @param bits the flag bits
 */
public record OpenFlags(int bits) {

    /** Read access ({@code SA_CKPT_CHECKPOINT_READ}). */
    public static final int READ = 1;
    /** Write access ({@code SA_CKPT_CHECKPOINT_WRITE}). */
    public static final int WRITE = 2;
    /** Create if missing ({@code SA_CKPT_CHECKPOINT_CREATE}). */
    public static final int CREATE = 4;

    private static final int ALL = READ | WRITE | CREATE;

    /** Flags of {@code bits}. */
    public static OpenFlags of(int bits) {
        return new OpenFlags(bits);
    }

    /** {@link CkptError#BAD_FLAGS} for a bit outside READ, WRITE and CREATE; OK otherwise. */
    public CkptError validate() {
        return (bits & ~ALL) == 0 ? CkptError.OK : CkptError.BAD_FLAGS;
    }

    /** Read access. */
    public boolean read() {
        return (bits & READ) != 0;
    }

    /** Write access. */
    public boolean write() {
        return (bits & WRITE) != 0;
    }

    /** Create when missing. */
    public boolean create() {
        return (bits & CREATE) != 0;
    }

    /** E.g. {@code read|write|create}, or {@code none}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        appendIf(text, read(), "read");
        appendIf(text, write(), "write");
        appendIf(text, create(), "create");
        return text.length() == 0 ? "none" : text.toString();
    }

    private static void appendIf(StringBuilder text, boolean set, String name) {
        if (set) {
            text.append(text.length() == 0 ? "" : "|").append(name);
        }
    }
}
