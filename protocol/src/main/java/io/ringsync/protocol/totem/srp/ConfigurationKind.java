package io.ringsync.protocol.totem.srp;

/** The two kinds of configuration change of extended virtual synchrony (Moser et al., ICDCS 1994). */
public enum ConfigurationKind {
    /** The members that move together from the old ring into the new one; the old ring's last messages follow it. */
    TRANSITIONAL,
    /** The new ring's full membership; messages of the new ring follow it. */
    REGULAR
}
