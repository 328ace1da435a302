package io.ringsync.protocol.service;

import java.util.Optional;

/**
 * Which replicated service a Totem payload belongs to (Corosync's service engine id): the first
 * byte of every payload a service multicasts, see {@link ServiceEnvelope}. Codes are part of the
 * wire format: never reuse or renumber one.
 */
public enum ServiceId {
    /** votequorum. */
    QUORUM(1),
    /** Closed process groups. */
    CPG(2),
    /** The checkpoint service. */
    CKPT(3),
    /** The runtime database (cluster-wide operations such as reload). */
    CMAP(4),
    /** Reserved for tests of the service layer itself. */
    TEST(127);

    private final byte code;

    ServiceId(int code) {
        this.code = (byte) code;
    }

    /** The wire code. */
    public byte code() {
        return code;
    }

    /** The service of wire code {@code code}, or empty for an unknown one (a newer peer's service). */
    public static Optional<ServiceId> of(byte code) {
        for (ServiceId id : values()) {
            if (id.code == code) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
