package io.ringsync.node.ipc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The IPC endpoint's counters, shown by {@code cfg status --json} under {@code ipcCounters}. */
public final class IpcCounters {

    /** Connections accepted and served. */
    public static final String CONNECTIONS = "ipc.connections";
    /** Connections refused because the client's uid and gid are not allowed. */
    public static final String REFUSED = "ipc.refused";

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    void connectionAccepted() {
        connections.incrementAndGet();
    }

    void connectionRefused() {
        refused.incrementAndGet();
    }

    /** Every counter by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(CONNECTIONS, connections.get());
        counters.put(REFUSED, refused.get());
        return counters;
    }
}
