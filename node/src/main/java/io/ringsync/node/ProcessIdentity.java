package io.ringsync.node;

import com.sun.security.auth.module.UnixSystem;

/** The uid and gid this JVM runs as (from the JDK's {@code UnixSystem}), for IPC access and file ownership. */
public final class ProcessIdentity {

    private static final UnixSystem SYSTEM = new UnixSystem();

    private ProcessIdentity() {
    }

    /** This process's uid. */
    public static long uid() {
        return SYSTEM.getUid();
    }

    /** This process's primary gid. */
    public static long gid() {
        return SYSTEM.getGid();
    }
}
