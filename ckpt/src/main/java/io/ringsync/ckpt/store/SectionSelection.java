package io.ringsync.ckpt.store;

/**
 * Which sections an iteration visits ({@code SaCkptSectionsChosenT}), as Corosync does it.
 */
public enum SectionSelection {
    /** Sections that never expire (expiration {@link Times#END}). */
    FOREVER,
    /** Sections expiring at or before the given time. */
    LEQ_EXPIRATION_TIME,
    /** Sections expiring at or after the given time. */
    GEQ_EXPIRATION_TIME,
    /** Corrupted sections: a full replica here is never corrupted, so none. */
    CORRUPTED,
    /** Every section. */
    ANY;

    /** Whether a section expiring at {@code expirationNs} is chosen, for the iteration's {@code timeNs}. */
    public boolean matches(long expirationNs, long timeNs) {
        return switch (this) {
            case FOREVER -> expirationNs == Times.END;
            case LEQ_EXPIRATION_TIME -> expirationNs <= timeNs;
            case GEQ_EXPIRATION_TIME -> expirationNs >= timeNs;
            case CORRUPTED -> false;
            case ANY -> true;
        };
    }
}
